// Errors of the display API, shaped like the notebook layer's TsnbError (what was wrong, which
// field, what was expected) — display may not import src/notebook (DESIGN.md layers).

/** Invalid input to the display API (claim, glue, table …); `field` names what was wrong, `expected` what it should be. */
export class DisplayError extends Error {
  readonly field?: string;
  readonly expected?: string;

  constructor(message: string, place: { field?: string; expected?: string } = {}) {
    super(message);
    this.name = "DisplayError";
    if (place.field !== undefined) this.field = place.field;
    if (place.expected !== undefined) this.expected = place.expected;
  }
}
