// A synthetic benchmark whose per-problem pass rates are Beta(α, β): Schaeffer et al. 2025 (§3)
// model the single-attempt success rates of Brown et al.'s data with a Beta-type law whose left
// tail makes −log coverage a power law, 1 − c(k) = B(α, β + k)/B(α, β) ∝ k^−α. With only two
// published numbers to go on (SWE-bench Lite: 15.9% at k = 1, 56% at k = 250), α and β are
// pinned by those two numbers, not fitted to the coverage law we test.
import { betaQuantile, logGamma } from "../../metrics/beta.ts";
import type { Uniform } from "../../metrics/random.ts";
import { InferenceScalingError } from "./errors.ts";

/** Exact coverage of a Beta(α, β) population: 1 − B(α, β + k)/B(α, β), through log-gamma. */
export function betaCoverage(alpha: number, beta: number, k: number): number {
  return -Math.expm1(
    logGamma(alpha + beta) - logGamma(alpha + beta + k) + logGamma(beta + k) - logGamma(beta),
  );
}

/** The Beta(α, β) with mean pass@1 = `mean` whose coverage at `k` is `coverage` (bisection on α). */
export function betaFromTwoPoints(
  mean: number,
  k: number,
  coverage: number,
): { alpha: number; beta: number } {
  if (!(mean > 0 && mean < coverage && coverage < 1 && k > 1))
    throw new InferenceScalingError(
      "betaFromTwoPoints",
      `mean ${mean}, coverage ${coverage} at k = ${k}`,
      "0 < mean < coverage < 1 and k > 1",
    );
  // Mean m fixes β = α(1 − m)/m; a lighter left tail (larger α) raises coverage at k.
  const betaOf = (a: number) => (a * (1 - mean)) / mean;
  let lo = 1e-4;
  let hi = 50;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (betaCoverage(mid, betaOf(mid), k) > coverage) hi = mid;
    else lo = mid;
  }
  const alpha = (lo + hi) / 2;
  return { alpha, beta: betaOf(alpha) };
}

/** Per-problem pass rates drawn from Beta(alpha, beta) by inverse CDF. */
export function drawBetaPassRates(
  count: number,
  alpha: number,
  beta: number,
  uniform: Uniform,
): number[] {
  return Array.from({ length: count }, () => betaQuantile(uniform(), alpha, beta));
}

/** Binomial(n, p) draw by summing Bernoullis (n up to ~1e4 here). */
export function drawBinomial(n: number, p: number, uniform: Uniform): number {
  let c = 0;
  for (let i = 0; i < n; i++) if (uniform() < p) c++;
  return c;
}
