// Errors of the fitting toolkit: values a user can act on (what was wrong, where, what was
// expected), in the shape the project asks of every `TsnbError`. Defined here because fit
// sits in the lab layer and must not import upward.
export class FitError extends Error {
  readonly what: string;
  readonly where: string;
  readonly expected: string;

  constructor(what: string, where: string, expected: string) {
    super(`${what} (in ${where}); expected ${expected}`);
    this.name = "FitError";
    this.what = what;
    this.where = where;
    this.expected = expected;
  }
}
