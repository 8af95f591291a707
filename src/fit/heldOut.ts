// Held-out extrapolation error: fit on part of the points, predict the rest. This is how a
// scaling law should be judged (Choshen et al. 2024 report absolute relative error on the
// largest model's held-out tail), rather than by in-sample residuals.
import { FitError } from "./errors.ts";
import { fitCurve } from "./fitCurve.ts";
import type { FitResult } from "./fitCurve.ts";
import type { FitSpec } from "./spec.ts";
import { pointInputs, subsetSpec } from "./subset.ts";

/** `true` (or a predicate returning true) marks a point as held out. */
export type Split = readonly boolean[] | ((x: Record<string, number>, index: number) => boolean);

export interface HeldOutResult {
  /** Mean absolute relative error |ŷ − y| / |y| over held-out points, as a fraction (0.02 = 2%). */
  mape: number;
  maxAbsRelError: number;
  /** Predictions for the held-out points, in their order. */
  predictions: number[];
  actual: number[];
  heldOutIndices: number[];
  fit: FitResult;
}

/**
 * Extrapolation error of a fit: fits `spec` on the points `split` does not hold out, predicts the
 * held-out ones, and reports the mean (`mape`) and largest absolute relative error |ŷ − y|/|y| as
 * fractions. `split` is one boolean per point or a predicate on the point's inputs. Throws
 * FitError when the split has the wrong length or holds out no point.
 * @example
 * const N = [1e6, 3e6, 1e7, 3e7, 1e8];
 * const loss = N.map((n) => 2 + 400 * n ** -0.3);
 * const { mape } = heldOut({ model: saturatingPowerLaw, x: N, y: loss }, (p) => p.x! >= 1e8);
 */
export function heldOut(spec: FitSpec, split: Split): HeldOutResult {
  const n = spec.y.length;
  if (Array.isArray(split) && split.length !== n) {
    throw new FitError(
      `split has ${split.length} entries but y has ${n} points`,
      "heldOut(split)",
      "one boolean per point",
    );
  }
  const isTest = (i: number): boolean =>
    typeof split === "function"
      ? split(pointInputs(spec, i), i)
      : (split as readonly boolean[])[i] === true;
  const test: number[] = [];
  const train: number[] = [];
  for (let i = 0; i < n; i++) (isTest(i) ? test : train).push(i);
  if (test.length === 0)
    throw new FitError(
      "the split holds out no point",
      "heldOut(split)",
      "at least one held-out point",
    );
  const fit = fitCurve(subsetSpec(spec, train));
  const testSpec = subsetSpec(spec, test);
  const predictions = fit.predict(testSpec.x);
  const actual = [...testSpec.y];
  const errors = predictions.map((p, j) => Math.abs(p - actual[j]!) / Math.abs(actual[j]!));
  return {
    mape: errors.reduce((a, b) => a + b, 0) / errors.length,
    maxAbsRelError: Math.max(...errors),
    predictions,
    actual,
    heldOutIndices: test,
    fit,
  };
}
