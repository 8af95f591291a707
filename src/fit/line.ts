// Ordinary least squares for a straight line, in closed form: laws that are linear after a
// transform (log(−log coverage) against log k, log(−log pass rate) against log N, a log-log
// slope) need no iterative fit, and the closed form is exact and instant.
import { FitError } from "./errors.ts";

export interface LineFit {
  slope: number;
  intercept: number;
  /** Coefficient of determination. */
  r2: number;
}

/**
 * Ordinary least-squares line y = slope·x + intercept in closed form, with its r² (1 when every y
 * is equal). Fit log-log data for a power-law exponent. Throws FitError for fewer than 2 points or
 * unequal lengths.
 * @example
 * const { slope, r2 } = fitLine([0, 1, 2, 3].map(Math.log1p), [1, 0.7, 0.55, 0.5].map(Math.log));
 */
export function fitLine(xs: readonly number[], ys: readonly number[]): LineFit {
  const n = xs.length;
  if (n < 2 || ys.length !== n)
    throw new FitError(`${n} xs and ${ys.length} ys`, "fitLine", "≥ 2 paired points");
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  return { slope, intercept, r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy) };
}
