// Errors of the fitting toolkit: what was wrong, where (the argument or field), and what was
// expected — the lab's one error shape, so a fit error reads like every other lab error.
import { LabError } from "../data/errors.ts";

/** Bad input to the fitting toolkit (fitCurve, fitLine, bootstrap, heldOut, computeOptimal) or a fit that found no finite optimum. */
export class FitError extends LabError {
  declare readonly expected: string;

  constructor(what: string, where: string, expected: string) {
    super(where, what, expected);
  }
}
