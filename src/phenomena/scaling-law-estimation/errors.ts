// Errors of the scaling-law-estimation experiment as values a notebook author can act on: which
// setting (`where`) was wrong, what it was (`what`) and what was expected — the shape of TensorError.
export class EstimationError extends Error {
  readonly what: string;
  readonly where: string;
  readonly expected: string;
  constructor(where: string, what: string, expected: string) {
    super(`${where}: ${what} (expected ${expected})`);
    this.name = "EstimationError";
    this.what = what;
    this.where = where;
    this.expected = expected;
  }
}
