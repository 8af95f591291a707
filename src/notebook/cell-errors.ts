// The tracebacks of the cells that raised, as text for a terminal: `tsnb run` and
// `build-site` print them (as nbconvert does) so a failed run says why without opening the
// output notebook. Cells tagged `raises-exception` are expected to raise and are left out.
import type { ICodeCell, IOutput } from "@jupyterlab/nbformat";
import { stripVTControlCharacters } from "node:util";
import { cellHasTag } from "./cells.ts";
import type { Notebook } from "./types.ts";

/** One block per error output, headed by `prefix` and the cell's place; colour codes kept only if `colour`. */
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
          `${colour ? text : stripVTControlCharacters(text)}\n`,
      );
    }
  });
  return parts.join("\n");
}
