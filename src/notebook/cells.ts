// Small cell-level operations shared by the runner, the kernel and `tsnb strip`.
import { randomUUID } from "node:crypto";
import type { ICodeCell, IOutput } from "@jupyterlab/nbformat";
import type { Cell, Notebook } from "./types.ts";

/** The cell's source as one string (nbformat stores it as a string or a list of lines). */
export function sourceText(cell: Pick<Cell, "source">): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/** Whether the cell carries `tag` in `metadata.tags`. */
export function cellHasTag(cell: Pick<Cell, "metadata">, tag: string): boolean {
  const tags = (cell.metadata as { tags?: unknown } | undefined)?.tags;
  return Array.isArray(tags) && tags.includes(tag);
}

/** A copy of `nb` with every code cell's outputs cleared and execution_count null. */
export function stripOutputs(nb: Notebook): Notebook {
  const cells = nb.cells.map((cell) =>
    cell.cell_type === "code" ? { ...cell, outputs: [], execution_count: null } : cell,
  );
  return { ...nb, cells };
}

/** A fresh cell id in the nbformat 4.5 alphabet ([a-zA-Z0-9-_], ≤ 64 chars), like JupyterLab's. */
export function newCellId(): string {
  return randomUUID();
}

/**
 * The tracebacks of the cells that raised (not those tagged `raises-exception`), as nbconvert
 * prints them, so a failed run says why without opening the output notebook.
 */
export function cellErrors(nb: Pick<Notebook, "cells">, colour: boolean, prefix = ""): string {
  const parts: string[] = [];
  nb.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code" || cellHasTag(cell, "raises-exception")) return;
    const code = cell as ICodeCell;
    for (const output of code.outputs as IOutput[]) {
      if (output.output_type !== "error") continue;
      const traceback = (output.traceback as string[] | undefined) ?? [];
      const text =
        traceback.length > 0 ? traceback.join("\n") : `${output.ename}: ${output.evalue}`;
      parts.push(
        `${prefix}cell ${index + 1} of the notebook (execution [${code.execution_count}]) raised:\n` +
          `${colour ? text : text.replace(ANSI, "")}\n`,
      );
    }
  });
  return parts.join("\n");
}

const ANSI = /\x1b\[[0-9;]*m/g;
