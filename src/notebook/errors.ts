// Errors users can act on (CONVENTIONS §5): each names what was wrong, where (file, cell,
// field) and what was expected, so `tsnb run` can print one line that points at the fix.
// `TsnbError` is the base other layers may extend; `NotebookError` is the .ipynb one.

export interface ErrorPlace {
  /** The file involved, as the user named it. */
  file: string;
  /** 0-based index into the notebook's `cells` array. */
  cell?: number;
  /** JSON path of the offending field inside the cell or notebook, e.g. `outputs[1].text`. */
  field?: string;
  /** What the field should have been, in words. */
  expected?: string;
}

export class TsnbError extends Error {
  readonly file: string;
  readonly cell?: number;
  readonly field?: string;
  readonly expected?: string;

  constructor(message: string, place: ErrorPlace, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.file = place.file;
    if (place.cell !== undefined) this.cell = place.cell;
    if (place.field !== undefined) this.field = place.field;
    if (place.expected !== undefined) this.expected = place.expected;
  }
}

/** An .ipynb that cannot be read, parsed or validated, or cannot be written. */
export class NotebookError extends TsnbError {
  /** Builds the message `file: cell 3 (id "x"): field "source": expected …` from its parts. */
  static at(
    place: ErrorPlace & { cellId?: string; problem?: string },
    cause?: unknown,
  ): NotebookError {
    const parts = [place.file];
    if (place.cell !== undefined) {
      parts.push(place.cellId ? `cell ${place.cell} (id "${place.cellId}")` : `cell ${place.cell}`);
    }
    if (place.field !== undefined) parts.push(`field "${place.field}"`);
    const detail =
      place.expected !== undefined ? `expected ${place.expected}` : (place.problem ?? "invalid");
    const withProblem =
      place.expected !== undefined && place.problem ? `${detail} (${place.problem})` : detail;
    return new NotebookError(
      `${parts.join(": ")}: ${withProblem}`,
      place,
      cause === undefined ? undefined : { cause },
    );
  }
}

/** A file-system error's message with its code once: Node's messages mostly start with the code already. */
export function fsProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code && !message.startsWith(code) ? `${code}: ${message}` : message;
}
