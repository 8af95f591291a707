// Synthetic losses with known truth for checking the fitting procedure: points spread like
// Hoffmann et al.'s runs (70M–16B parameters, 5B–500B tokens, log-uniform) with multiplicative
// noise, drawn from a given Chinchilla law.
import { rng } from "../../data/random.ts";
import type { ChinchillaLaw } from "../../data/chinchilla.ts";

export interface LossPoints {
  N: number[];
  D: number[];
  loss: number[];
}

/** L(N, D) = E + A/N^α + B/D^β for a Chinchilla law's parameters. */
export function chinchillaLoss(
  law: Pick<ChinchillaLaw, "E" | "A" | "B" | "alpha" | "beta">,
  N: number,
  D: number,
): number {
  return law.E + law.A / Math.pow(N, law.alpha) + law.B / Math.pow(D, law.beta);
}

/**
 * `count` (120) synthetic runs of a known Chinchilla law: N log-uniform in 70M–16B, D in 5B–500B,
 * loss multiplied by exp(noise·z) (noise 0.01), seeded (1).
 */
export function syntheticRuns(
  law: ChinchillaLaw,
  options: { count?: number; noise?: number; seed?: number } = {},
): LossPoints {
  const { count = 120, noise = 0.01, seed = 1 } = options;
  const random = rng(seed);
  const out: LossPoints = { N: [], D: [], loss: [] };
  for (let i = 0; i < count; i++) {
    const N = 7e7 * Math.pow(16e9 / 7e7, random.uniform());
    const D = 5e9 * Math.pow(100, random.uniform());
    out.N.push(N);
    out.D.push(D);
    out.loss.push(chinchillaLoss(law, N, D) * Math.exp(noise * random.normal()));
  }
  return out;
}
