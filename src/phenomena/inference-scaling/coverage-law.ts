// Brown et al. 2024 ("Large Language Monkeys", §3): coverage vs samples k follows an
// exponentiated power law c(k) ≈ exp(a·k^b) with a, b < 0, i.e. log(−log c) is linear in log k.
// Schaeffer et al. 2025 explain the power law by a heavy left tail of per-problem pass rates: with
// p ~ Beta(α, β), 1 − c(k) = B(α, β + k)/B(α, β) ∝ k^−α for large k.
import { betaQuantile } from "../../metrics/beta.ts";
import type { Uniform } from "../../metrics/random.ts";
import { fitLine } from "./line.ts";

export interface ExponentiatedPowerLaw {
  /** c(k) = exp(a·k^b). */
  a: number;
  b: number;
  r2: number;
  predict(k: number): number;
}

/** Fits c(k) = exp(a·k^b) by least squares on log(−log c) = log(−a) + b·log k. */
export function fitCoverageLaw(
  points: readonly { k: number; coverage: number }[],
): ExponentiatedPowerLaw {
  const usable = points.filter((p) => p.coverage > 0 && p.coverage < 1);
  const line = fitLine(
    usable.map((p) => Math.log(p.k)),
    usable.map((p) => Math.log(-Math.log(p.coverage))),
  );
  const a = -Math.exp(line.intercept);
  const b = line.slope;
  return { a, b, r2: line.r2, predict: (k) => Math.exp(a * k ** b) };
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

/** Fits the power-law exponent of the failure rate 1 − c(k) over a range of k (log-log slope). */
export function failureExponent(points: readonly { k: number; coverage: number }[]): number {
  const usable = points.filter((p) => p.coverage < 1);
  return fitLine(
    usable.map((p) => Math.log(p.k)),
    usable.map((p) => Math.log(1 - p.coverage)),
  ).slope;
}
