// Cover's function-counting theorem (Cover 1965): of the 2^N labellings of N points in general
// position in d dimensions, C(N, d) = 2 Σ_{k<d} binom(N−1, k) are linearly separable. The
// fraction falls through ½ exactly at N = 2d: a perceptron with d weights stores about 2d random
// bits, the 2-bits-per-weight anchor of the knowledge-capacity notebook.
import { KnowledgeCapacityError } from "./errors.ts";

/** Fraction of the 2^N dichotomies of N points in general position in R^d that a hyperplane through the origin realises. */
export function coverSeparableFraction(points: number, dim: number): number {
  if (!(Number.isInteger(points) && points >= 1 && Number.isInteger(dim) && dim >= 1))
    throw new KnowledgeCapacityError(
      "coverSeparableFraction",
      `points = ${points}, dim = ${dim}`,
      "positive integers",
    );
  // Σ_{k<d} binom(N−1, k) / 2^(N−1), term by term in logs so large N cannot overflow.
  let logTerm = -(points - 1) * Math.LN2; // k = 0
  let sum = 0;
  for (let k = 0; k < Math.min(dim, points); k++) {
    sum += Math.exp(logTerm);
    logTerm += Math.log(points - 1 - k) - Math.log(k + 1);
  }
  return Math.min(1, sum);
}
