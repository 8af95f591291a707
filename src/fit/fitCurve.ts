// fitCurve: every start of the grid solved, the best objective kept, and the share of starts
// that reached it reported — a flat valley or a rugged objective shows up as a low share
// (Besiroglu et al. 2024 found ~9% for Hoffmann's grid), which we surface as a warning.
import { FitError } from "./errors.ts";
import { residualsAt } from "./lm.ts";
import { solveStarts } from "./multistart.ts";
import type { StartResult } from "./lm.ts";
import { inputColumns, prepareProblem } from "./spec.ts";
import type { FitSpec, Inputs, Problem } from "./spec.ts";

export interface FitResult {
  params: Record<string, number>;
  /** Σ w ρ(r) at the best start (ρ = r²/2, or Huber's ρ), residuals in fitting space. */
  objective: number;
  /** y − f (linear space) or log y − log f (log space), per point. */
  residuals: number[];
  converged: boolean;
  starts: { tried: number; reachedBest: number };
  /** Human-readable doubts about the fit (low share of starts at the best, no convergence). */
  warnings: string[];
  /** The model at new inputs, in the units of y. */
  predict(x: Inputs): number[];
}

/** A start counts as reaching the best when its objective is within this fraction of it. */
const REACHED = 1e-4;
/** Below this share of starts at the optimum, the fit carries a warning. */
const LOW_SHARE = 0.2;

/**
 * Fits a curve to points by Levenberg–Marquardt from every start of a grid, keeping the best.
 * `model` is a built-in form (chinchilla, powerLaw, …) or a mathjs expression whose free symbols
 * that are not inputs are the parameters (starting at 1 unless `init` says otherwise). Fits in log
 * space (log y vs log f) by default, with L2 loss unless `loss: {huber: δ}`. The result has the
 * parameters, residuals, `predict(x)`, and `starts.reachedBest` of `starts.tried`; `warnings` flags
 * a low share of starts at the best or no convergence. Throws FitError for bad input or when no
 * start reaches a finite objective.
 * @example
 * const x = [1, 2, 4, 8, 16, 32];
 * const fit = fitCurve({ model: "E + A * x^(-alpha)", x, y: x.map((v) => 0.5 + 3 * v ** -0.7) });
 * fit.params.alpha; // ≈ 0.7
 */
export function fitCurve(spec: FitSpec): FitResult {
  const problem = prepareProblem(spec);
  let best: StartResult | undefined;
  const objectives: number[] = [];
  for (const result of solveStarts(problem)) {
    objectives.push(result.objective);
    if (
      Number.isFinite(result.objective) &&
      (best === undefined || result.objective < best.objective)
    )
      best = result;
  }
  if (best === undefined) {
    throw new FitError(
      "no start reached a finite objective",
      "fitCurve",
      "starts where the model is defined (positive in log space)",
    );
  }
  const threshold = best.objective + REACHED * Math.abs(best.objective) + 1e-12;
  const reachedBest = objectives.filter((o) => o <= threshold).length;
  return resultOf(problem, spec, best, { tried: problem.starts.length, reachedBest });
}

function resultOf(
  problem: Problem,
  spec: FitSpec,
  best: StartResult,
  starts: FitResult["starts"],
): FitResult {
  const params = paramsOf(problem, best.theta);
  const warnings: string[] = [];
  const share = starts.reachedBest / starts.tried;
  if (starts.tried > 1 && share < LOW_SHARE) {
    warnings.push(
      `only ${starts.reachedBest} of ${starts.tried} starts (${(100 * share).toFixed(1)}%) reached the best objective: the optimum is hard to find or the valley is flat; treat the parameters with care`,
    );
  }
  if (!best.converged)
    warnings.push(`the best start did not converge within ${problem.maxIterations} iterations`);
  const form = typeof spec.model === "string" ? undefined : spec.model;
  const predict = (x: Inputs): number[] => {
    const columns = inputColumns(x, form, lengthOf(x));
    const n = lengthOf(x);
    const out = new Float64Array(n);
    const p = Float64Array.from(problem.params, (name) => params[name]!);
    const inputs = problem.inputs.map((name) => {
      const column = columns[name];
      if (column === undefined)
        throw new FitError(
          `input "${name}" is missing`,
          "predict(x)",
          `x with keys ${problem.inputs.join(", ")}`,
        );
      return column;
    });
    problem.model.kernel(p, problem.model.columnsFor(inputs, n), n, out, null);
    return Array.from(out);
  };
  return {
    params,
    objective: best.objective,
    residuals: Array.from(residualsAt(problem, best.theta)),
    converged: best.converged,
    starts,
    warnings,
    predict,
  };
}

export function paramsOf(problem: Problem, theta: ArrayLike<number>): Record<string, number> {
  const params: Record<string, number> = {};
  problem.params.forEach((name, k) => {
    params[name] = problem.isLog[k] ? Math.exp(theta[k]!) : theta[k]!;
  });
  return params;
}

function lengthOf(x: Inputs): number {
  if (Array.isArray(x)) return x.length;
  const first = Object.values(x)[0];
  return first === undefined ? 0 : first.length;
}
