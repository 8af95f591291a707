// Noisy synthetic data with known truth for the fitting tests.
import { rng } from "../../src/data/random.ts";

export function logspace(from: number, to: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from * Math.pow(to / from, i / (count - 1)));
}

/** y · exp(σ ε): multiplicative noise, as losses have. */
export function withNoise(y: readonly number[], sigma: number, seed: number): number[] {
  const random = rng(seed);
  return y.map((v) => v * Math.exp(sigma * random.normal()));
}
