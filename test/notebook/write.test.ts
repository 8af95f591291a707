import { chmod, mkdtemp, readdir, readFile, rm, mkdir, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NotebookError } from "../../src/notebook/errors.ts";
import { compareCodePoints, formatPythonNumber } from "../../src/notebook/json.ts";
import { parseNotebook } from "../../src/notebook/read.ts";
import { serializeNotebook, writeNotebook } from "../../src/notebook/write.ts";
import type { Notebook } from "../../src/notebook/types.ts";

const fixture = (name: string) => readFile(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("serializeNotebook", () => {
  it.each(["jupyter-written.ipynb", "jupyter-string-sources.ipynb"])(
    "round-trips %s (written by Python nbformat 5.5) byte for byte",
    async (name) => {
      const text = await fixture(name);
      expect(serializeNotebook(parseNotebook(text, name))).toBe(text);
    },
  );

  it("sorts keys like Python, including integer-like keys JS objects reorder", () => {
    const nb = {
      nbformat: 4,
      nbformat_minor: 5,
      cells: [],
      metadata: { b: 1, "10": 2, "9": 3, A: 4 },
    } as unknown as Notebook;
    const text = serializeNotebook(nb);
    expect(text.indexOf('"10"')).toBeLessThan(text.indexOf('"9"'));
    expect(text.indexOf('"9"')).toBeLessThan(text.indexOf('"A"'));
    expect(text.indexOf('"A"')).toBeLessThan(text.indexOf('"b"'));
    expect(text.endsWith("}\n")).toBe(true);
  });

  it("prints floats as Python's repr does", () => {
    expect(formatPythonNumber(0.1)).toBe("0.1");
    expect(formatPythonNumber(1e-5)).toBe("1e-05");
    expect(formatPythonNumber(0.0001)).toBe("0.0001");
    expect(formatPythonNumber(1.5e16)).toBe("1.5e+16");
    expect(formatPythonNumber(123.5)).toBe("123.5");
    expect(formatPythonNumber(-2.5e-7)).toBe("-2.5e-07");
    expect(formatPythonNumber(1e21)).toBe("1e+21");
    expect(formatPythonNumber(123456789012345)).toBe("123456789012345");
    expect(formatPythonNumber(1.2345678901234567e300)).toBe("1.2345678901234567e+300");
  });

  it("formats every non-integer the way JSON.parse reads back", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Object.is(JSON.parse(formatPythonNumber(x)), x === 0 ? 0 : x)).toBe(true);
      }),
      { seed: 7, numRuns: 2000 },
    );
  });

  it("orders surrogate pairs after the rest of the BMP, as code points do", () => {
    expect(compareCodePoints("\u{1F600}", "\uFFFD")).toBeGreaterThan(0);
    expect(compareCodePoints("a", "b")).toBeLessThan(0);
    expect(compareCodePoints("ab", "a")).toBeGreaterThan(0);
  });

  it("rejects values JSON cannot hold, naming where", () => {
    const nb = {
      nbformat: 4,
      nbformat_minor: 5,
      cells: [],
      metadata: { bad: { n: Number.NaN } },
    } as unknown as Notebook;
    expect(() => serializeNotebook(nb, "a.ipynb")).toThrow(
      'a.ipynb: field "metadata.bad.n": expected a JSON value (got NaN)',
    );
  });
});

describe("writeNotebook", () => {
  let dir = "";
  let file = "";
  const original = '{"old": true}\n';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "tsnb-write-"));
    file = join(dir, "nb.ipynb");
    await writeFile(file, original);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes the canonical text and leaves no temp file", async () => {
    const nb = parseNotebook(await fixture("jupyter-written.ipynb"), "f");
    await writeNotebook(file, nb);
    expect(await readFile(file, "utf8")).toBe(await fixture("jupyter-written.ipynb"));
    expect(await readdir(dir)).toEqual(["nb.ipynb"]);
  });

  it("keeps the permissions of the file it replaces", async () => {
    await chmod(file, 0o600);
    await writeNotebook(file, parseNotebook(await fixture("jupyter-written.ipynb"), "f"));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it("leaves the old file intact when serialisation throws midway", async () => {
    const nb = {
      nbformat: 4,
      nbformat_minor: 5,
      cells: [],
      metadata: { a: 1, z: { big: 10n } },
    } as unknown as Notebook;
    await expect(writeNotebook(file, nb)).rejects.toBeInstanceOf(NotebookError);
    expect(await readFile(file, "utf8")).toBe(original);
    expect(await readdir(dir)).toEqual(["nb.ipynb"]);
  });

  it("leaves the old file intact and removes the temp file when the write fails after partial output", async () => {
    const nb = parseNotebook(await fixture("jupyter-written.ipynb"), "f");
    const failing = {
      async write(handle: import("node:fs/promises").FileHandle, text: string) {
        await handle.writeFile(text.slice(0, 100));
        throw Object.assign(new Error("no space left on device"), { code: "ENOSPC" });
      },
    };
    await expect(writeNotebook(file, nb, failing)).rejects.toThrow(
      `${file}: expected a writable location (ENOSPC: no space left on device)`,
    );
    expect(await readFile(file, "utf8")).toBe(original);
    expect(await readdir(dir)).toEqual(["nb.ipynb"]);
  });

  it("removes the temp file when the rename fails", async () => {
    const target = join(dir, "is-a-dir.ipynb");
    await mkdir(join(target, "child"), { recursive: true });
    const nb = parseNotebook(await fixture("jupyter-written.ipynb"), "f");
    await expect(writeNotebook(target, nb)).rejects.toBeInstanceOf(NotebookError);
    expect((await readdir(dir)).sort()).toEqual(["is-a-dir.ipynb", "nb.ipynb"]);
  });
});
