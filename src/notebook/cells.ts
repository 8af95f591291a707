// Small cell-level operations shared by the runner, the kernel and `tsnb strip`.
import { randomUUID } from "node:crypto";
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
