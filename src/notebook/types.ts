// The notebook vocabulary, taken from @jupyterlab/nbformat (CONVENTIONS §7: the spec's
// names are the code's names). Only the aliases tsnb uses everywhere are defined here.
import type {
  ICell,
  ICodeCell,
  INotebookContent,
  IOutput,
  MultilineString,
} from "@jupyterlab/nbformat";

export type { ICell, ICodeCell, IOutput, MultilineString };

/** A parsed, validated nbformat 4.x notebook. Cells in 4.5+ carry `id`. */
export type Notebook = INotebookContent;
export type Cell = ICell;
