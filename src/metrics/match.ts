// Exact match and token edit distance: the discontinuous and the continuous way to grade a
// multi-token answer (Schaeffer et al. 2023, "Are Emergent Abilities a Mirage?", §2).
import { MetricError, requireSameLength } from "./error.ts";

export type Tokens = readonly (string | number)[];

/** 1 when `prediction` equals `target` token by token (or as strings), else 0. */
export function exactMatch(prediction: string | Tokens, target: string | Tokens): 0 | 1 {
  if (typeof prediction === "string" || typeof target === "string") {
    if (typeof prediction !== typeof target) {
      throw new MetricError(
        "exactMatch",
        "target",
        "the same kind as `prediction` (string or token array)",
        target,
      );
    }
    return prediction === target ? 1 : 0;
  }
  if (prediction.length !== target.length) return 0;
  for (let i = 0; i < target.length; i++) if (prediction[i] !== target[i]) return 0;
  return 1;
}

/** Share of items whose prediction exactly matches its target. */
export function exactMatchRate(
  predictions: readonly (string | Tokens)[],
  targets: readonly (string | Tokens)[],
): number {
  requireSameLength("exactMatchRate", ["predictions", "targets"], predictions, targets);
  let hits = 0;
  for (let i = 0; i < targets.length; i++) hits += exactMatch(predictions[i]!, targets[i]!);
  return hits / targets.length;
}

/** Levenshtein distance between two token sequences (insert, delete, substitute cost 1). */
export function tokenEditDistance(a: Tokens, b: Tokens): number {
  if (!Array.isArray(a)) throw new MetricError("tokenEditDistance", "a", "an array of tokens", a);
  if (!Array.isArray(b)) throw new MetricError("tokenEditDistance", "b", "an array of tokens", b);
  // Two rolling rows: O(|a|·|b|) time, O(|b|) memory.
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const substitute = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitute);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}
