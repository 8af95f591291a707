// Errors of the inference-scaling experiments as values a notebook author can act on: which
// function and argument (`where`), what it was (`what`) and what was expected.
export class InferenceScalingError extends Error {
  readonly where: string;
  readonly what: string;
  readonly expected: string;
  constructor(where: string, what: string, expected: string) {
    super(`${where}: ${what} (expected ${expected})`);
    this.name = "InferenceScalingError";
    this.where = where;
    this.what = what;
    this.expected = expected;
  }
}
