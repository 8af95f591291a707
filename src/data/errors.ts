// The error every lab module throws for bad input (CONVENTIONS §5): which function or setting
// (`where`), what it was (`what`) and what was expected, in one line a notebook author can act
// on. Areas subclass it for their name (TensorError, GrokkingError, …); it lives in src/data,
// the bottom of the lab layer, so every area can import it.
export class LabError extends Error {
  readonly where: string;
  readonly what: string;
  readonly expected: string | undefined;

  constructor(where: string, what: string, expected?: string) {
    super(`${where}: ${what}${expected === undefined ? "" : ` (expected ${expected})`}`);
    this.name = new.target.name;
    this.where = where;
    this.what = what;
    this.expected = expected;
  }
}
