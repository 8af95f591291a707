// Choshen et al. 2024 ("A Hitchhiker's Guide to Scaling Law Estimation"), their protocol: fit
// L(N, D) on the smaller models, predict the largest model's last 30% of training, score by mean
// absolute relative error; compare a fit on intermediate checkpoints (those at ≤ dropBelow
// tokens dropped, as their code drops ≤ 10B) with one on each smaller run's final loss only.
// Fits follow Hoffmann: Huber δ = 1e-3 on log loss.
import { chinchilla } from "../../fit/forms.ts";
import { heldOut } from "../../fit/heldOut.ts";
import type { HeldOutResult } from "../../fit/heldOut.ts";
import type { Checkpoint } from "./family.ts";

export interface ExtrapolationOptions {
  /** Checkpoints at this many tokens or fewer are dropped (Choshen et al. drop ≤ 10B of ~300B). */
  dropBelow?: number;
  /** Share of the largest model's longest run to predict (default 0.3: its last 30%). */
  tail?: number;
}

export interface ExtrapolationComparison {
  target: Checkpoint[];
  checkpoints: HeldOutResult & { trainingPoints: number };
  finals: HeldOutResult & { trainingPoints: number };
}

/**
 * Choshen et al. 2024's protocol: fits the Chinchilla law (Huber 1e-3, log space) on the smaller
 * models and predicts the last `tail` (30%) of the largest model's longest run, once from
 * intermediate checkpoints (those at ≤ `dropBelow` tokens dropped) and once from final losses only;
 * returns both held-out results.
 */
export function compareExtrapolation(
  family: readonly Checkpoint[],
  options: ExtrapolationOptions = {},
): ExtrapolationComparison {
  const { dropBelow = 256, tail = 0.3 } = options;
  const largest = Math.max(...family.map((c) => c.N));
  const longest = Math.max(...family.filter((c) => c.N === largest).map((c) => c.budget));
  const target = family.filter(
    (c) => c.N === largest && c.budget === longest && c.D >= (1 - tail) * longest,
  );
  const smaller = family.filter((c) => c.N < largest);
  const evaluate = (training: Checkpoint[]) => {
    const points = [...training, ...target];
    const result = heldOut(
      {
        model: chinchilla,
        x: { N: points.map((c) => c.N), D: points.map((c) => c.D) },
        y: points.map((c) => c.loss),
        loss: { huber: 1e-3 },
      },
      points.map((_, i) => i >= training.length),
    );
    return { ...result, trainingPoints: training.length };
  };
  return {
    target,
    checkpoints: evaluate(smaller.filter((c) => c.D > dropBelow)),
    finals: evaluate(smaller.filter((c) => c.final)),
  };
}
