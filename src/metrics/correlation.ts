// Correlation between a score and scale across a model family (Schaeffer et al. 2024 measure
// predictability per item this way; inverse-scaling claims use Spearman's ρ). A constant input
// has no correlation: the functions return NaN there, as scipy does, so callers can count them.
import { requireFiniteArray, requireSameLength } from "./error.ts";

/**
 * Pearson correlation of paired values, clamped to [−1, 1]; NaN when either side is constant.
 * Throws MetricError for empty, unequal-length or non-finite inputs.
 */
export function pearson(xs: readonly number[], ys: readonly number[]): number {
  requireSameLength("pearson", ["xs", "ys"], xs, ys);
  requireFiniteArray("pearson", "xs", xs);
  requireFiniteArray("pearson", "ys", ys);
  const n = xs.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return NaN;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Ranks from 1, ties receiving their average rank. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const result = new Array<number>(values.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]!] === values[order[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) result[order[t]!] = rank;
    i = j + 1;
  }
  return result;
}

/** Spearman's ρ: Pearson correlation of the (average-tie) ranks. */
export function spearman(xs: readonly number[], ys: readonly number[]): number {
  requireSameLength("spearman", ["xs", "ys"], xs, ys);
  return pearson(ranks(xs), ranks(ys));
}

/** Kendall's τ-b (tie-corrected), O(n²): families here have tens of models. */
export function kendall(xs: readonly number[], ys: readonly number[]): number {
  requireSameLength("kendall", ["xs", "ys"], xs, ys);
  requireFiniteArray("kendall", "xs", xs);
  requireFiniteArray("kendall", "ys", ys);
  let concordant = 0;
  let discordant = 0;
  let tiesX = 0;
  let tiesY = 0;
  for (let i = 0; i < xs.length; i++) {
    for (let j = i + 1; j < xs.length; j++) {
      const dx = Math.sign(xs[i]! - xs[j]!);
      const dy = Math.sign(ys[i]! - ys[j]!);
      if (dx === 0 && dy === 0) continue;
      if (dx === 0) tiesX++;
      else if (dy === 0) tiesY++;
      else if (dx === dy) concordant++;
      else discordant++;
    }
  }
  const denominator = Math.sqrt(
    (concordant + discordant + tiesX) * (concordant + discordant + tiesY),
  );
  return denominator === 0 ? NaN : (concordant - discordant) / denominator;
}
