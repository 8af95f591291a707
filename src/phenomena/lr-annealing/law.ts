// Fitting Tissue et al.'s law L(s) = L0 + A·S1^−α − C·S2 on some training curves and
// predicting others. λ, the decay of the annealing momentum, is not a parameter of the
// expression (it shapes S2), so it is chosen from a small grid by the fit's own objective
// on the fitted curves — never by the curves it is asked to predict.
import { annealingAreas } from "../../fit/annealing.ts";
import { fitCurve } from "../../fit/fitCurve.ts";
import type { FitResult } from "../../fit/fitCurve.ts";
import { annealingLaw } from "../../fit/forms.ts";
import type { LossCurve } from "./training.ts";

export interface AnnealingFitOptions {
  /** Candidate λ (Tissue et al.: 0.99–0.999). */
  lambdas?: number[];
  /** Measurements before this step are left out (the first transient of training). */
  skipBefore?: number;
  /**
   * Warmup steps, counted at the peak rate in S1 and S2 (Tissue et al. §3.4 and their code:
   * a rising rate is not an "annealing" and would make S2 negative).
   */
  warmup?: number;
}

export interface CurvePrediction {
  name: string;
  fitted: boolean;
  steps: number[];
  actual: number[];
  predicted: number[];
  /** Mean absolute relative error over the curve, as a fraction. */
  mape: number;
  /** Relative error of the last point. */
  finalError: number;
}

export interface AnnealingFit {
  lambda: number;
  fit: FitResult;
  /** Objective of the fit for every candidate λ. */
  objectives: { lambda: number; objective: number }[];
  predictions: CurvePrediction[];
}

function featuresOf(curve: LossCurve, lambda: number, skipBefore: number, warmup: number) {
  const areas = annealingAreas(curve.lrs, lambda, { warmup });
  const keep = curve.steps.map((s, i) => [s, i] as const).filter(([s]) => s >= skipBefore);
  return {
    steps: keep.map(([s]) => s),
    S1: keep.map(([s]) => areas.S1[s - 1]!),
    S2: keep.map(([s]) => areas.S2[s - 1]!),
    loss: keep.map(([, i]) => curve.loss[i]!),
  };
}

/**
 * Fits Tissue et al.'s LR-annealing law L(s) = L0 + A·S1^−α − C·S2 (Huber δ 1e-3) on the curves
 * named in `fitOn`, choosing the momentum decay λ from `lambdas` (0.99, 0.995, 0.999) by the fit's
 * own objective, and predicts every curve. Steps before `skipBefore` (300) are left out.
 */
export function fitAnnealingLaw(
  curves: readonly LossCurve[],
  fitOn: readonly string[],
  options: AnnealingFitOptions = {},
): AnnealingFit {
  const { lambdas = [0.99, 0.995, 0.999], skipBefore = 300, warmup = 0 } = options;
  const training = curves.filter((c) => fitOn.includes(c.name));
  const fitFor = (lambda: number) => {
    const parts = training.map((c) => featuresOf(c, lambda, skipBefore, warmup));
    return fitCurve({
      model: annealingLaw,
      x: { S1: parts.flatMap((p) => p.S1), S2: parts.flatMap((p) => p.S2) },
      y: parts.flatMap((p) => p.loss),
      loss: { huber: 1e-3 },
    });
  };
  const fits = lambdas.map((lambda) => ({ lambda, fit: fitFor(lambda) }));
  const best = fits.reduce((a, b) => (b.fit.objective < a.fit.objective ? b : a));
  const predictions = curves.map((curve) => {
    const f = featuresOf(curve, best.lambda, skipBefore, warmup);
    const predicted = best.fit.predict({ S1: f.S1, S2: f.S2 });
    const errors = predicted.map((p, i) => Math.abs(p - f.loss[i]!) / f.loss[i]!);
    return {
      name: curve.name,
      fitted: fitOn.includes(curve.name),
      steps: f.steps,
      actual: f.loss,
      predicted,
      mape: errors.reduce((a, b) => a + b, 0) / errors.length,
      finalError: errors[errors.length - 1]!,
    };
  });
  return {
    lambda: best.lambda,
    fit: best.fit,
    objectives: fits.map(({ lambda, fit }) => ({ lambda, objective: fit.objective })),
    predictions,
  };
}
