// The two "areas" of an LR schedule that the annealing law needs (Tissue et al. 2024, eq. 1):
// S1 = Σ η_i, the forward area, and S2 = Σ m_i with momentum m_i = λ m_{i−1} + (η_{i−1} − η_i),
// the annealing area; η_0 is taken equal to η_1 so a constant schedule has S2 = 0. A warmup
// counts at the peak rate, as the paper does (§3.4 and its released code): a rising rate
// would otherwise add negative annealing area.
import { FitError } from "./errors.ts";

export interface AnnealingAreas {
  S1: number[];
  S2: number[];
}

/**
 * S1 and S2 after each step of `lrs` (one learning rate per step); the first `warmup` steps
 * count at the rate of step `warmup` (the peak).
 */
export function annealingAreas(
  lrs: readonly number[],
  lambda = 0.999,
  options: { warmup?: number } = {},
): AnnealingAreas {
  const warmup = options.warmup ?? 0;
  if (!(Number.isInteger(warmup) && warmup >= 0))
    throw new FitError(
      `warmup = ${warmup}`,
      "annealingAreas",
      "a non-negative whole number of warmup steps",
    );
  if (!(lambda >= 0 && lambda < 1))
    throw new FitError(
      `lambda = ${lambda}`,
      "annealingAreas",
      "0 ≤ λ < 1 (decay of the annealing momentum)",
    );
  const S1: number[] = [];
  const S2: number[] = [];
  let s1 = 0;
  let s2 = 0;
  let m = 0;
  const peak = lrs[Math.min(warmup, lrs.length - 1)] ?? 0;
  let previous = warmup > 0 ? peak : (lrs[0] ?? 0);
  lrs.forEach((given, i) => {
    if (!Number.isFinite(given) || given < 0)
      throw new FitError(
        `lrs[${i}] = ${given}`,
        "annealingAreas",
        "non-negative finite learning rates",
      );
    const lr = i < warmup ? peak : given;
    m = lambda * m + (previous - lr);
    s1 += lr;
    s2 += m;
    previous = lr;
    S1.push(s1);
    S2.push(s2);
  });
  return { S1, S2 };
}
