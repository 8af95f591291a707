// Liu, Liu & Gore 2025, §2: n features, feature i active with probability p_i ∝ i^−α
// (normalised so one feature is active per sample on average), an active feature's value
// uniform on [0, 2]. Batches are drawn sparse, feature by feature with geometric gaps, so a
// batch costs O(B + n) draws instead of B·n Bernoulli trials.
import type { Rng } from "../../tensor/rng.ts";

/** A batch of B samples over n features, stored by sample (CSR). */
export interface SparseBatch {
  B: number;
  n: number;
  /** Entries of sample r are rowStart[r] … rowStart[r + 1] − 1. */
  rowStart: Int32Array;
  col: Int32Array;
  val: Float32Array;
}

/** p_i = i^−α / Σ_j j^−α, i = 1 … n. */
export function featureProbabilities(n: number, alpha: number): Float64Array {
  const p = Float64Array.from({ length: n }, (_, i) => Math.pow(i + 1, -alpha));
  const total = p.reduce((s, v) => s + v, 0);
  return p.map((v) => v / total);
}

/**
 * The loss of the best model that ignores its input (W = 0, ReLU(b) with b_i = E[x_i] = p_i):
 * mean over features of Var x_i = (4/3) p_i − p_i², since E[x_i²] = p_i · E[U(0,2)²] = 4p_i/3.
 */
export function trivialLoss(p: Float64Array): number {
  let total = 0;
  for (const pi of p) total += (4 / 3) * pi - pi * pi;
  return total / p.length;
}

/**
 * B sparse samples of the toy model's features: feature i active with probability p[i], an active
 * value uniform on [0, 2]; returned row-compressed (rowStart, col, val).
 */
export function sampleBatch(p: Float64Array, B: number, random: Rng): SparseBatch {
  const n = p.length;
  const rows: number[] = [];
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < n; i++) {
    // Active samples of feature i: gaps between successes of Bernoulli(p_i) are geometric.
    const logMiss = Math.log1p(-p[i]!);
    let r = -1;
    for (;;) {
      r += 1 + Math.floor(Math.log(1 - random.uniform()) / logMiss);
      if (r >= B) break;
      rows.push(r);
      cols.push(i);
      vals.push(2 * random.uniform());
    }
  }
  // Counting sort by sample.
  const rowStart = new Int32Array(B + 1);
  for (const r of rows) rowStart[r + 1]!++;
  for (let r = 0; r < B; r++) rowStart[r + 1]! += rowStart[r]!;
  const fill = rowStart.slice(0, B);
  const col = new Int32Array(rows.length);
  const val = new Float32Array(rows.length);
  rows.forEach((r, k) => {
    const at = fill[r]!++;
    col[at] = cols[k]!;
    val[at] = vals[k]!;
  });
  return { B, n, rowStart, col, val };
}
