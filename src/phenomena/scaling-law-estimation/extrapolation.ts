// Choshen et al. 2024 ("A Hitchhiker's Guide to Scaling Law Estimation"), the practice
// tested here: fit L(N, D) on the smaller models and predict the largest model's last 30% of
// training; compare a fit on intermediate checkpoints (the earliest dropped) with a fit on each
// run's final point only. Fits follow Hoffmann: Huber δ = 1e-3 on log loss.
import { chinchilla } from "../../fit/forms.ts";
import { heldOut } from "../../fit/heldOut.ts";
import type { HeldOutResult } from "../../fit/heldOut.ts";
import type { Checkpoint } from "./family.ts";

export interface ExtrapolationOptions {
  /** Checkpoints at fewer tokens than this are dropped (Choshen et al. drop ≤ 10B tokens). */
  dropBelow?: number;
  /** Share of the largest model's longest run to predict (default 0.3: its last 30%). */
  tail?: number;
}

export interface ExtrapolationComparison {
  target: Checkpoint[];
  checkpoints: HeldOutResult & { trainingPoints: number };
  finals: HeldOutResult & { trainingPoints: number };
}

export function compareExtrapolation(
  family: readonly Checkpoint[],
  options: ExtrapolationOptions = {},
): ExtrapolationComparison {
  const { dropBelow = 128, tail = 0.3 } = options;
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
    checkpoints: evaluate(smaller.filter((c) => c.D >= dropBelow)),
    finals: evaluate(smaller.filter((c) => c.final)),
  };
}
