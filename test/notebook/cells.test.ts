import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { newCellId, sourceText, stripOutputs } from "../../src/notebook/cells.ts";
import { parseNotebook } from "../../src/notebook/read.ts";
import { serializeNotebook } from "../../src/notebook/write.ts";

const load = async () =>
  parseNotebook(
    await readFile(new URL("./fixtures/jupyter-written.ipynb", import.meta.url), "utf8"),
    "f",
  );

describe("cells", () => {
  it("joins list sources and passes string sources through", () => {
    expect(sourceText({ source: ["a\n", "b"] })).toBe("a\nb");
    expect(sourceText({ source: "x" })).toBe("x");
  });

  it("stripOutputs clears outputs and counts, keeps everything else, and does not mutate", async () => {
    const nb = await load();
    const before = serializeNotebook(nb);
    const stripped = stripOutputs(nb);
    expect(serializeNotebook(nb)).toBe(before);
    const code = stripped.cells[2]!;
    expect(code).toMatchObject({
      outputs: [],
      execution_count: null,
      id: "code-1",
      metadata: { tags: ["parameters"] },
    });
    expect(stripped.cells[0]).toBe(nb.cells[0]);
    expect(stripped.metadata).toBe(nb.metadata);
    // A stripped notebook still validates.
    expect(() => parseNotebook(serializeNotebook(stripped), "s")).not.toThrow();
  });

  it("newCellId makes distinct ids in the nbformat 4.5 alphabet", () => {
    const ids = new Set(Array.from({ length: 100 }, newCellId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[a-zA-Z0-9-_]{1,64}$/);
  });
});
