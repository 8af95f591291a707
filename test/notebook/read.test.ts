import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotebookError, TsnbError } from "../../src/notebook/errors.ts";
import { parseNotebook, readNotebook } from "../../src/notebook/read.ts";

const FIXTURE = new URL("./fixtures/jupyter-written.ipynb", import.meta.url);

function notebook(cells: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells, ...extra });
}
const code = (extra: Record<string, unknown> = {}) => ({
  cell_type: "code",
  id: "c",
  metadata: {},
  source: "1",
  outputs: [],
  execution_count: null,
  ...extra,
});

function errorOf(text: string, file = "notebooks/x.ipynb"): NotebookError {
  try {
    parseNotebook(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(NotebookError);
    expect(error).toBeInstanceOf(TsnbError);
    return error as NotebookError;
  }
  throw new Error("parseNotebook accepted an invalid notebook");
}

describe("parseNotebook", () => {
  it("reads a notebook written by Jupyter's nbformat, keeping sources as they were", async () => {
    const nb = parseNotebook(await readFile(FIXTURE, "utf8"), "fixture.ipynb");
    expect(nb.nbformat_minor).toBe(5);
    expect(nb.cells.map((c) => c.id)).toEqual(["md-1", "raw-1", "code-1", "code-2"]);
    expect(Array.isArray(nb.cells[0]!.source)).toBe(true);
    expect(nb.cells[3]!.source).toEqual([]);
    expect((nb.metadata as Record<string, unknown>).zzz_unknown).toMatchObject({ ratio: 0.1 });
  });

  it("names file, cell and field for a source of the wrong type", () => {
    const error = errorOf(
      notebook([code(), code({ id: "a" }), code({ id: "b" }), code({ id: "d", source: 7 })]),
    );
    expect(error.message).toBe(
      'notebooks/x.ipynb: cell 3 (id "d"): field "source": expected string or string[] (got number)',
    );
    expect(error).toMatchObject({
      file: "notebooks/x.ipynb",
      cell: 3,
      field: "source",
      expected: "string or string[]",
    });
  });

  it("requires cell ids from nbformat 4.5 on, and rejects duplicates", () => {
    const { id: _, ...noId } = code();
    expect(errorOf(notebook([noId])).message).toContain(
      'cell 0: field "id": expected 1-64 characters',
    );
    expect(() => parseNotebook(notebook([noId], { nbformat_minor: 4 }), "a.ipynb")).not.toThrow();
    const dup = errorOf(notebook([code(), code()]));
    expect(dup).toMatchObject({ cell: 1, field: "id" });
    expect(dup.message).toContain("cell 0 has the same id");
    expect(errorOf(notebook([code({ id: "has space" })])).field).toBe("id");
  });

  it("checks output fields by output_type", () => {
    const stream = errorOf(
      notebook([code({ outputs: [{ output_type: "stream", name: "stdout", text: 3 }] })]),
    );
    expect(stream).toMatchObject({ cell: 0, field: "outputs[0].text" });
    const unknown = errorOf(notebook([code({ outputs: [{ output_type: "bogus" }] })]));
    expect(unknown.message).toContain(
      'field "outputs[0].output_type": expected one of execute_result, display_data, stream, error (got "bogus")',
    );
    const tb = errorOf(
      notebook([
        code({ outputs: [{ output_type: "error", ename: "E", evalue: "v", traceback: "x" }] }),
      ]),
    );
    expect(tb.field).toBe("outputs[0].traceback");
    const data = errorOf(
      notebook([
        code({
          outputs: [{ output_type: "display_data", data: { "text/plain": 5 }, metadata: {} }],
        }),
      ]),
    );
    expect(data.field).toBe('outputs[0].data["text/plain"]');
    const okJson = notebook([
      code({
        outputs: [
          {
            output_type: "display_data",
            data: { "application/vnd.x+json": { a: 1 } },
            metadata: {},
          },
        ],
      }),
    ]);
    expect(() => parseNotebook(okJson, "a.ipynb")).not.toThrow();
    const count = errorOf(notebook([code({ execution_count: -1 })]));
    expect(count.field).toBe("execution_count");
  });

  it("checks the top-level structure", () => {
    expect(
      errorOf(JSON.stringify({ nbformat: 3, nbformat_minor: 0, metadata: {}, cells: [] })).field,
    ).toBe("nbformat");
    expect(errorOf(JSON.stringify({ nbformat: 4, nbformat_minor: 5, cells: [] })).field).toBe(
      "metadata",
    );
    expect(errorOf(JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {} })).field).toBe(
      "cells",
    );
    expect(errorOf(notebook([], { metadata: { kernelspec: { name: "x" } } })).field).toBe(
      "metadata.kernelspec.display_name",
    );
    expect(errorOf(notebook([{ ...code(), cell_type: "heading" }])).field).toBe("cell_type");
    expect(errorOf("[]").message).toContain("expected a JSON object");
  });

  it("reports JSON syntax errors with a line and column", () => {
    expect(errorOf('{\n "cells": [\n  oops\n ]\n}').message).toMatch(
      /^notebooks\/x\.ipynb: expected valid JSON \(Unexpected token 'o'.* at line 3, column 3\)$/s,
    );
    expect(errorOf('{"a": 1}\n\n  x').message).toMatch(/at line 3, column 3\)$/);
    expect(errorOf('\ufeff{"a": }').message).toMatch(/at line 1, column 7\)$/);
  });
});

describe("readNotebook", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "tsnb-read-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("names a missing file", async () => {
    const file = join(dir, "missing.ipynb");
    await expect(readNotebook(file)).rejects.toThrow(
      `${file}: expected a readable .ipynb file (ENOENT`,
    );
  });

  it("reads and validates from disk", async () => {
    const file = join(dir, "bad.ipynb");
    await writeFile(file, notebook([code({ metadata: [] })]));
    await expect(readNotebook(file)).rejects.toMatchObject({ file, cell: 0, field: "metadata" });
  });
});
