// PassUntil (Hu et al. 2023, "Unlock Predictable Scaling from Emergent Abilities"): keep sampling
// until r correct answers, so tiny pass rates become measurable. With K draws to the r-th
// success, (r − 1)/(K − 1) is unbiased for r ≥ 2 (r = 1 with 1/K is badly biased: E[1/K] =
// −p ln p/(1 − p)). The interval inverts the negative-binomial CDF exactly:
// P(K ≤ k) = P(Bin(k, p) ≥ r) = I_p(r, k − r + 1).
import { betaQuantile } from "./beta.ts";
import { MetricError, requireInteger } from "./error.ts";
import { geometricDraw, type Uniform } from "./random.ts";

export interface PassUntilEstimate {
  /** Successes observed (= r unless the draw budget ran out). */
  successes: number;
  /** Draws made. */
  draws: number;
  /** Point estimate of the pass rate. */
  estimate: number;
  /** Two-sided confidence interval at `level`. */
  lower: number;
  upper: number;
  level: number;
  /** True when the budget ran out before r successes (binomial interval then). */
  censored: boolean;
}

/** Estimate and interval after observing the r-th success at draw K. */
export function passUntilEstimate(r: number, draws: number, level = 0.95): PassUntilEstimate {
  requireInteger("passUntilEstimate", "r", r, 1);
  requireInteger("passUntilEstimate", "draws", draws, 1);
  if (draws < r) throw new MetricError("passUntilEstimate", "draws", `at least r (${r})`, draws);
  if (!(level > 0 && level < 1))
    throw new MetricError("passUntilEstimate", "level", "a number in (0, 1)", level);
  const alpha = 1 - level;
  const estimate = r === 1 ? 1 / draws : draws === 1 ? 1 : (r - 1) / (draws - 1);
  const lower = betaQuantile(alpha / 2, r, draws - r + 1);
  const upper = draws === r ? 1 : betaQuantile(1 - alpha / 2, r, draws - r);
  return { successes: r, draws, estimate, lower, upper, level, censored: false };
}

/** Clopper–Pearson estimate for a fixed budget of `draws` with `successes` < r (censored run). */
export function binomialEstimate(
  successes: number,
  draws: number,
  level = 0.95,
): PassUntilEstimate {
  requireInteger("binomialEstimate", "draws", draws, 1);
  requireInteger("binomialEstimate", "successes", successes, 0);
  if (successes > draws)
    throw new MetricError("binomialEstimate", "successes", `at most draws (${draws})`, successes);
  const alpha = 1 - level;
  const lower = successes === 0 ? 0 : betaQuantile(alpha / 2, successes, draws - successes + 1);
  const upper =
    successes === draws ? 1 : betaQuantile(1 - alpha / 2, successes + 1, draws - successes);
  return { successes, draws, estimate: successes / draws, lower, upper, level, censored: true };
}

export interface PassUntilOptions {
  /** Successes to wait for; 3 by default (Hu et al. use a fixed count; r ≥ 2 is unbiased). */
  r?: number;
  /** Budget of draws; when reached first the result is censored. Default 1e5. */
  maxDraws?: number;
  level?: number;
}

/** Runs PassUntil against a sampler `attempt()` that returns true on a correct answer. */
export function passUntil(
  attempt: () => boolean,
  options: PassUntilOptions = {},
): PassUntilEstimate {
  const r = options.r ?? 3;
  const maxDraws = options.maxDraws ?? 100_000;
  requireInteger("passUntil", "r", r, 1);
  requireInteger("passUntil", "maxDraws", maxDraws, 1);
  let successes = 0;
  let draws = 0;
  while (draws < maxDraws) {
    draws++;
    if (attempt() && ++successes === r) return passUntilEstimate(r, draws, options.level);
  }
  return binomialEstimate(successes, draws, options.level);
}

/** PassUntil for a known pass rate p, drawing the waiting times directly (inverse CDF). */
export function simulatePassUntil(
  p: number,
  uniform: Uniform,
  options: PassUntilOptions = {},
): PassUntilEstimate {
  const r = options.r ?? 3;
  const maxDraws = options.maxDraws ?? 100_000;
  if (!(p >= 0 && p <= 1))
    throw new MetricError("simulatePassUntil", "p", "a probability in [0, 1]", p);
  requireInteger("simulatePassUntil", "r", r, 1);
  let draws = 0;
  for (let s = 1; s <= r; s++) {
    const wait = p === 0 ? Infinity : geometricDraw(p, uniform);
    if (draws + wait > maxDraws) {
      return binomialEstimate(s - 1, maxDraws, options.level);
    }
    draws += wait;
  }
  return passUntilEstimate(r, draws, options.level);
}
