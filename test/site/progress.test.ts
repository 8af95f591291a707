import { describe, expect, it } from "vitest";
import { progressReporter } from "../../src/site/progress.ts";
import type { ExecutedNotebook } from "../../src/site/execute.ts";

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return {
    chunks,
    isTTY,
    columns: 100,
    write: (chunk: string) => (chunks.push(chunk), true),
  } as unknown as NodeJS.WriteStream & { chunks: string[] };
}

const result = (cached: boolean, errors = 0, budget = 60) =>
  ({
    cached,
    executed: {
      cells: [],
      metadata: { tsnb: { budget_seconds: budget } },
      nbformat: 4,
      nbformat_minor: 5,
    },
    summary: {
      notebook: "a.ipynb",
      cells: 3,
      errors,
      seconds: 2.5,
      claims: [
        { id: "x", status: "pass" },
        { id: "y", status: "fail" },
      ],
    },
  }) as unknown as ExecutedNotebook;

describe("build progress", () => {
  it("writes plain lines, no control characters, when not on a terminal", () => {
    const out = stream(false);
    const progress = progressReporter(out);
    progress.notebookStart(1, 2, "alpha");
    progress.cell(0, 3);
    progress.notebookEnd(1, 2, "alpha", result(false, 1));
    progress.notebookEnd(2, 2, "beta", result(true));
    progress.done();
    expect(out.chunks.join("")).toBe(
      "[1/2] alpha: executing\n[1/2] alpha: executed in 2.5 s, claims 1/2, 1 cell error\n[2/2] beta: cached, claims 1/2\n",
    );
  });

  it("prints the traceback of a cell that raised under its notebook's line", () => {
    const out = stream(false);
    const failed = result(false, 1);
    (failed.executed as { cells: unknown[] }).cells = [
      {
        cell_type: "code",
        source: "boom()",
        metadata: {},
        execution_count: 1,
        outputs: [
          {
            output_type: "error",
            ename: "ReferenceError",
            evalue: "boom is not defined",
            traceback: ["\x1b[31mReferenceError\x1b[0m: boom is not defined", "    at cell[1]:1:1"],
          },
        ],
      },
    ];
    progressReporter(out).notebookEnd(1, 1, "alpha", failed);
    expect(out.chunks.join("")).toBe(
      "[1/1] alpha: executed in 2.5 s, claims 1/2, 1 cell error\n" +
        "alpha: cell 1 of the notebook (execution [1]) raised:\nReferenceError: boom is not defined\n    at cell[1]:1:1\n",
    );
  });

  it("notes a run that took longer than the notebook's budget", () => {
    const out = stream(false);
    const progress = progressReporter(out);
    progress.notebookEnd(1, 1, "alpha", result(false, 0, 2));
    expect(out.chunks.join("")).toBe(
      "[1/1] alpha: executed in 2.5 s, over its 2 s budget, claims 1/2\n",
    );
  });

  it("says when outputs are the notebook's own rather than a run", () => {
    const out = stream(false);
    const progress = progressReporter(out);
    progress.notebookStart(1, 1, "alpha", "reading stored outputs");
    progress.notebookEnd(1, 1, "alpha", { ...result(false), stored: true } as ExecutedNotebook);
    expect(out.chunks.join("")).toBe(
      "[1/1] alpha: reading stored outputs\n[1/1] alpha: stored outputs, claims 1/2\n",
    );
  });

  it("redraws one line with notebook n/N, a bar, the cell and elapsed time on a terminal", () => {
    const out = stream(true);
    const progress = progressReporter(out);
    progress.notebookStart(2, 5, "beta");
    progress.cell(4, 10);
    const line = out.chunks.at(-1)!;
    expect(line.startsWith("\r\x1b[2K[2/5] beta  ")).toBe(true);
    expect(line).toMatch(/█{8}░{12}  cell 5\/10  \d+\.\d s \(total \d+\.\d s\)$/);
    progress.notebookEnd(2, 5, "beta", undefined);
    expect(out.chunks.slice(-2)).toEqual([
      "\r\x1b[2K",
      "[2/5] beta: skipped (not cached; build it without --only)\n",
    ]);
  });
});
