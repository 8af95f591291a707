// One point of a resolution-limited width sweep (Bahri et al. 2021, §2.2): the exact D → ∞ test
// loss at width P, averaged over teacher and projection draws, with its standard error — the
// unit of work one run of a `tsnb sweep` computes (the sweep notebook fits the exponent on many).
import { rng } from "../../data/random.ts";
import { infiniteDataLoss, makeProjection, makeTeacher } from "./model.ts";

export interface WidthPointOptions {
  P: number;
  S?: number;
  alphaK?: number;
  draws?: number;
  /** Each width draws from its own stream, seeded seed · 1000 + P. */
  seed?: number;
}

export interface WidthPoint {
  P: number;
  /** Mean test loss over the draws. */
  loss: number;
  /** Standard error of that mean. */
  stderr: number;
}

/**
 * One point of the resolution-limited width sweep (Bahri et al. 2021, §2.2): the exact
 * infinite-data test loss at width P, averaged over `draws` (32) teacher/projection draws (S 2000,
 * α_K 0.5), with its standard error; seeded by seed·1000 + P.
 */
export function resolutionLimitedPoint(options: WidthPointOptions): WidthPoint {
  const { P, S = 2000, alphaK = 0.5, draws = 32, seed = 1 } = options;
  const random = rng(seed * 1000 + P);
  const losses = Array.from({ length: draws }, () =>
    infiniteDataLoss(makeTeacher(S, alphaK, random), makeProjection(P, S, random), P),
  );
  const loss = losses.reduce((a, b) => a + b, 0) / draws;
  const variance = losses.reduce((a, b) => a + (b - loss) ** 2, 0) / Math.max(1, draws - 1);
  return { P, loss, stderr: Math.sqrt(variance / draws) };
}
