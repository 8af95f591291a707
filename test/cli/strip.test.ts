import { describe, expect, it } from "vitest";
import { copyFileSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { executeNotebook } from "../../src/cli/execute.ts";
import { stripCommand } from "../../src/cli/strip.ts";
import { readNotebook } from "../../src/notebook/read.ts";
import { serializeNotebook, writeNotebook } from "../../src/notebook/write.ts";

const fixture = fileURLToPath(new URL("./fixtures/raising.ipynb", import.meta.url));

describe("tsnb strip", () => {
  it("removes outputs and execution counts, keeping sources and metadata", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tsnb-strip-"));
    const file = join(dir, "nb.ipynb");
    const original = await readNotebook(fixture);
    const { notebook } = await executeNotebook(original, { file: fixture, allowErrors: true });
    await writeNotebook(file, notebook);
    expect(readFileSync(file, "utf8")).toContain('"output_type": "error"');
    expect(await stripCommand([file])).toBe(0);
    const stripped = await readNotebook(file);
    expect(stripped.cells.map((c) => c.source)).toEqual(original.cells.map((c) => c.source));
    for (const cell of stripped.cells)
      expect(cell).toMatchObject({ outputs: [], execution_count: null });
    expect((stripped.metadata as { tsnb?: unknown }).tsnb).toEqual(
      (original.metadata as { tsnb?: unknown }).tsnb,
    );
  });

  it("leaves an already clean file byte-identical and untouched", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tsnb-strip-"));
    const file = join(dir, "clean.ipynb");
    copyFileSync(fixture, file);
    const before = statSync(file).mtimeMs;
    const text = readFileSync(file, "utf8");
    expect(serializeNotebook(await readNotebook(file))).toBe(text);
    await stripCommand([file]);
    expect(readFileSync(file, "utf8")).toBe(text);
    expect(statSync(file).mtimeMs).toBe(before);
  });
});
