// Errors of the tensor engine as values a notebook author can act on: what was wrong
// (`what`), in which op (`where`) and what was expected (`expected`).
export class TensorError extends Error {
  readonly what: string;
  readonly where: string;
  readonly expected: string | undefined;
  constructor(where: string, what: string, expected?: string) {
    super(`${where}: ${what}${expected === undefined ? "" : ` (expected ${expected})`}`);
    this.name = "TensorError";
    this.what = what;
    this.where = where;
    this.expected = expected;
  }
}
