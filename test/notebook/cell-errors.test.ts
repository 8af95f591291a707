import { describe, expect, it } from "vitest";
import { cellErrors } from "../../src/notebook/cell-errors.ts";
import type { Notebook } from "../../src/notebook/types.ts";

describe("cellErrors", () => {
  it("reports the tracebacks of raising cells, not of expected raises", () => {
    const raised = (tags: string[], count: number) => ({
      cell_type: "code",
      source: "",
      metadata: { tags },
      execution_count: count,
      outputs: [
        { output_type: "stream", name: "stdout", text: "hi" },
        {
          output_type: "error",
          ename: "TypeError",
          evalue: "x is null",
          traceback: ["\x1b[31mTypeError\x1b[0m: x is null", "    at cell[2]:1:1"],
        },
      ],
    });
    const nb = {
      cells: [
        { cell_type: "markdown", source: "# t", metadata: {} },
        raised([], 2),
        raised(["raises-exception"], 3),
      ],
    } as unknown as Notebook;
    expect(cellErrors(nb, false, "x: ")).toBe(
      "x: cell 2 of the notebook (execution [2]) raised:\nTypeError: x is null\n    at cell[2]:1:1\n",
    );
    expect(cellErrors(nb, true)).toContain("\x1b[31mTypeError\x1b[0m");
    expect(cellErrors({ cells: [] }, false)).toBe("");
  });
});
