// Real-part check: what writeNotebook produces is a valid notebook for Jupyter's own
// nbformat (Debian python3-nbformat, installed by .ci/run with jupyter-nbconvert).
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newCellId } from "../../src/notebook/cells.ts";
import type { Notebook } from "../../src/notebook/types.ts";
import { writeNotebook } from "../../src/notebook/write.ts";

const PYTHON = "/usr/bin/python3";
const CHECK = `
import json, sys, nbformat
nb = nbformat.read(sys.argv[1], as_version=4)
nbformat.validate(nb)
print(json.dumps({"cells": len(nb.cells), "minor": nb.nbformat_minor}))
`;

describe("notebooks written by tsnb, read by Jupyter's nbformat", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "tsnb-nbformat-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("validates, with every output type and unicode", async () => {
    const nb: Notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {
        kernelspec: { name: "tsnb", display_name: "TypeScript (tsnb)", language: "typescript" },
        tsnb: {
          slug: "x",
          title: "Ünïcode — 数据",
          seed: 1,
          budget_seconds: 10,
          papers: [],
          summary: "",
        },
      },
      cells: [
        { cell_type: "markdown", id: newCellId(), metadata: {}, source: "# Title\n$x^2$" },
        {
          cell_type: "code",
          id: newCellId(),
          metadata: { tags: ["parameters"] },
          source: ["const a = 1;\n", "a"],
          execution_count: 1,
          outputs: [
            { output_type: "stream", name: "stdout", text: "hi\n" },
            {
              output_type: "display_data",
              data: {
                "text/plain": "p",
                "application/vnd.tsnb.claim+json": {
                  id: "c",
                  pass: 0.25 < 0.5,
                  measured: 0.25,
                  expected: "< 0.5",
                },
              },
              metadata: {},
            },
            {
              output_type: "execute_result",
              execution_count: 1,
              data: { "text/plain": "1" },
              metadata: {},
            },
            {
              output_type: "error",
              ename: "RangeError",
              evalue: "x",
              traceback: ["\u001b[31mRangeError\u001b[0m: x"],
            },
          ],
        },
        { cell_type: "raw", id: newCellId(), metadata: {}, source: "" },
      ],
    };
    const file = join(dir, "written.ipynb");
    await writeNotebook(file, nb);
    const out = execFileSync(PYTHON, ["-c", CHECK, file], { encoding: "utf8" });
    expect(JSON.parse(out)).toEqual({ cells: 3, minor: 5 });
  });
});
