// Brown et al. 2024 ("Large Language Monkeys", §3.1 eq. 2–3, App. C.1): coverage vs samples k
// follows an exponentiated power law c(k) ≈ exp(a·k^b), a, b < 0, fitted by least squares on the
// coverage itself (SciPy's curve_fit) at 40 values of k spread evenly on a log scale. The
// linearised line log(−log c) = log(−a) + b·log k only supplies the start and an R² of linearity:
// its residuals blow up as c → 1, so it weights the points the coverage error cares least about.
import { fitCurve } from "../../fit/fitCurve.ts";
import type { CoveragePoint } from "../../metrics/pass-at-k.ts";
import { InferenceScalingError } from "./errors.ts";
import { fitLine } from "../../fit/line.ts";

export interface ExponentiatedPowerLaw {
  /** c(k) = exp(a·k^b), least squares on coverage. */
  a: number;
  b: number;
  /** R² of the straight line log(−log c) against log k (how linear the transformed curve is). */
  r2: number;
  /** The linearised fit (ordinary least squares on log(−log c)), the start of the coverage fit. */
  linearised: { a: number; b: number };
  predict(k: number): number;
}

/** `count` values of k evenly spaced in log k from 1 to `max`, rounded to integers (repeats kept, so every log position weighs the same). */
export function logSpacedKs(count: number, max: number): number[] {
  if (!(Number.isInteger(count) && count >= 2))
    throw new InferenceScalingError("logSpacedKs.count", `count = ${count}`, "an integer ≥ 2");
  if (!(Number.isInteger(max) && max >= 2))
    throw new InferenceScalingError("logSpacedKs.max", `max = ${max}`, "an integer ≥ 2");
  return Array.from({ length: count }, (_, i) => Math.round(max ** (i / (count - 1))));
}

/** Fits c(k) = exp(a·k^b) as Brown et al. do: least squares on coverage, started from the linearised line. */
export function fitCoverageLaw(points: readonly CoveragePoint[]): ExponentiatedPowerLaw {
  const usable = points.filter((p) => p.coverage > 0 && p.coverage < 1);
  if (usable.length < 2)
    throw new InferenceScalingError(
      "fitCoverageLaw.points",
      `${usable.length} of ${points.length} points have 0 < coverage < 1`,
      "at least 2 such points",
    );
  const line = fitLine(
    usable.map((p) => Math.log(p.k)),
    usable.map((p) => Math.log(-Math.log(p.coverage))),
  );
  const linearised = { a: -Math.exp(line.intercept), b: line.slope };
  const fit = fitCurve({
    model: "exp(a * x^b)",
    x: points.map((p) => p.k),
    y: points.map((p) => p.coverage),
    space: "linear",
    init: linearised,
  });
  if (!fit.converged)
    throw new InferenceScalingError(
      "fitCoverageLaw",
      "least squares on coverage did not converge",
      "a coverage curve close enough to exp(a·k^b) for the linearised start",
    );
  const a = fit.params["a"]!;
  const b = fit.params["b"]!;
  return { a, b, r2: line.r2, linearised, predict: (k) => Math.exp(a * k ** b) };
}

/** Largest |fit − measured| over the points, and the k where it happens. */
export function largestMiss(
  points: readonly CoveragePoint[],
  predict: (k: number) => number,
): { miss: number; k: number } {
  let worst = { miss: 0, k: Number.NaN };
  for (const p of points) {
    const miss = Math.abs(predict(p.k) - p.coverage);
    if (!(miss <= worst.miss)) worst = { miss, k: p.k };
  }
  return worst;
}

/** Fits the power-law exponent of the failure rate 1 − c(k) over a range of k (log-log slope). */
export function failureExponent(points: readonly CoveragePoint[]): number {
  const usable = points.filter((p) => p.coverage < 1);
  return fitLine(
    usable.map((p) => Math.log(p.k)),
    usable.map((p) => Math.log(1 - p.coverage)),
  ).slope;
}
