// The two "areas" of an LR schedule that the annealing law needs (Tissue et al. 2024, eq. 1):
// S1 = Σ η_i, the forward area, and S2 = Σ m_i with momentum m_i = λ m_{i−1} + (η_{i−1} − η_i),
// the annealing area; η_0 is taken equal to η_1 so a constant schedule has S2 = 0.
import { FitError } from "./errors.ts";

export interface AnnealingAreas {
  S1: number[];
  S2: number[];
}

/** S1 and S2 after each step of `lrs` (one learning rate per step). */
export function annealingAreas(lrs: readonly number[], lambda = 0.999): AnnealingAreas {
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
  let previous = lrs[0] ?? 0;
  lrs.forEach((lr, i) => {
    if (!Number.isFinite(lr) || lr < 0)
      throw new FitError(
        `lrs[${i}] = ${lr}`,
        "annealingAreas",
        "non-negative finite learning rates",
      );
    m = lambda * m + (previous - lr);
    s1 += lr;
    s2 += m;
    previous = lr;
    S1.push(s1);
    S2.push(s2);
  });
  return { S1, S2 };
}
