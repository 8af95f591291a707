// The premise of Hu et al. 2023's task scaling law, checked on the smaller models alone: the law
// PU(N) = exp(−c·N^−α) follows from a per-token loss that is a power law in N, so
// L·CE = −mean log PU (F of the geometric-mean pass rate) falls on a straight line in log N. The
// check compares the log-log slope over the lower half of the sizes with the upper half: a slope
// that steepens (accelerated emergence) or flattens (a ceiling ahead) breaks the premise.
import { EmergenceError } from "./errors.ts";
import { fitLine } from "../../fit/line.ts";
import type { FamilyMember } from "./held-out-law.ts";

export interface PremiseCheck {
  /** −mean_i log PU_i per member (L times the per-token cross-entropy). */
  lossTimesLength: number[];
  /** d log(L·CE) / d log N between adjacent members. */
  adjacentSlopes: number[];
  /** Least-squares slopes over the first and the last ⌈n/2⌉ members. */
  lowerSlope: number;
  upperSlope: number;
  /** upperSlope / lowerSlope. */
  ratio: number;
  tolerance: number;
  /** Both slopes negative and 1/tolerance ≤ ratio ≤ tolerance. */
  holds: boolean;
}

/** Checks members (the models the law is fitted on, smallest first) for a power-law loss. */
export function premiseCheck(members: readonly FamilyMember[], tolerance = 1.5): PremiseCheck {
  if (members.length < 4)
    throw new EmergenceError("premiseCheck", `${members.length} members`, "≥ 4, smallest first");
  if (!(tolerance > 1))
    throw new EmergenceError("premiseCheck", `tolerance is ${tolerance}`, "> 1");
  const lossTimesLength = members.map((m, j) => {
    if (m.passRates.length === 0 || !m.passRates.every((p) => p > 0 && p <= 1))
      throw new EmergenceError(
        "premiseCheck",
        `member ${j} has pass rates outside (0, 1] (or none)`,
        "at least one pass rate, each in (0, 1]",
      );
    return -m.passRates.reduce((s, p) => s + Math.log(p), 0) / m.passRates.length;
  });
  const x = members.map((m) => Math.log(m.size));
  const y = lossTimesLength.map(Math.log);
  const adjacentSlopes = x.slice(1).map((xj, j) => (y[j + 1]! - y[j]!) / (xj - x[j]!));
  const half = Math.ceil(members.length / 2);
  const lowerSlope = fitLine(x.slice(0, half), y.slice(0, half)).slope;
  const upperSlope = fitLine(x.slice(-half), y.slice(-half)).slope;
  const ratio = upperSlope / lowerSlope;
  const holds = lowerSlope < 0 && upperSlope < 0 && ratio >= 1 / tolerance && ratio <= tolerance;
  return { lossTimesLength, adjacentSlopes, lowerSlope, upperSlope, ratio, tolerance, holds };
}
