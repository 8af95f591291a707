// Zipfian data for the quantization model (Michaud et al. 2023): fact k has frequency
// p_k ∝ k^−(1+a); a model storing the n most frequent facts keeps the tail mass ∝ n^−a, a
// power-law loss. Facts are keyed by random context codes (shared inputs), and test items are
// drawn from the data: each of an item's L tokens is one (fact, position), the fact by frequency.
import { EmergenceError } from "./errors.ts";
import type { Uniform } from "../../metrics/random.ts";

/** p_k = k^−exponent / Σ_j j^−exponent for k = 1 … count (exponent = 1 + a). */
export function zipfWeights(count: number, exponent: number): number[] {
  if (!(Number.isInteger(count) && count >= 1))
    throw new EmergenceError("zipfWeights", `count is ${count}`, "an integer ≥ 1");
  if (!(exponent > 0 && Number.isFinite(exponent)))
    throw new EmergenceError("zipfWeights", `exponent is ${exponent}`, "a positive number");
  const raw = Array.from({ length: count }, (_, k) => (k + 1) ** -exponent);
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => w / total);
}

/** `n` indices drawn independently with probabilities ∝ `weights` (inverse CDF, binary search). */
export function drawByWeight(weights: readonly number[], n: number, uniform: Uniform): number[] {
  if (weights.length === 0 || !weights.every((w) => w >= 0 && Number.isFinite(w)))
    throw new EmergenceError(
      "drawByWeight",
      "weights are empty or not all finite and ≥ 0",
      "a non-empty list of finite numbers ≥ 0",
    );
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += w));
  if (!(total > 0)) throw new EmergenceError("drawByWeight", "weights sum to 0", "> 0");
  return Array.from({ length: n }, () => {
    const u = uniform() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  });
}

/**
 * A context code per fact: `active` distinct units out of `inputs`, drawn at random (a fact is
 * keyed by a bag of context tokens, so facts share the first layer's parameters).
 */
export function randomContexts(
  count: number,
  inputs: number,
  active: number,
  uniform: Uniform,
): number[][] {
  if (!(Number.isInteger(active) && active >= 1 && active <= inputs))
    throw new EmergenceError(
      "randomContexts",
      `active is ${active}`,
      `an integer in 1 … ${inputs}`,
    );
  return Array.from({ length: count }, () => {
    const code = new Set<number>();
    while (code.size < active) code.add(Math.floor(uniform() * inputs));
    return [...code].sort((x, y) => x - y);
  });
}

/** One answer token of a test item: the token at `position` of fact `fact`'s answer. */
export interface TokenDraw {
  fact: number;
  position: number;
}

/** `count` test items of `length` tokens, each token's fact drawn ∝ `weights`, its position uniform. */
export function drawTokenItems(
  weights: readonly number[],
  count: number,
  length: number,
  factLength: number,
  uniform: Uniform,
): TokenDraw[][] {
  return Array.from({ length: count }, () =>
    drawByWeight(weights, length, uniform).map((fact) => ({
      fact,
      position: Math.floor(uniform() * factLength),
    })),
  );
}

/** A model's log-probability of one answer token (FactMlp has this shape). */
export interface TokenScorer {
  logProb(fact: number, position: number, token: number): number;
}

/** Exact probability that a sampled answer to `item` is right: Π_t p(answer token t). */
export function tokenItemPassRate(
  model: TokenScorer,
  answers: readonly (readonly number[])[],
  item: readonly TokenDraw[],
): number {
  let logP = 0;
  for (const { fact, position } of item)
    logP += model.logProb(fact, position, answers[fact]![position]!);
  return Math.exp(logP);
}
