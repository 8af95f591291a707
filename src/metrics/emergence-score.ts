// BIG-bench's emergence score (Srivastava et al. 2022, App. on "breakthroughness"), used by
// Schaeffer et al. 2023 to show sharpness is a property of the metric:
// ES = sign(argmax y − argmin y) · (max y − min y) / sqrt(median_i (y_i − y_{i−1})²),
// with the scores ordered by increasing model scale.
import { MetricError, requireFiniteArray } from "./error.ts";

/**
 * BIG-bench emergence score of scores ordered by increasing scale:
 * sign(argmax − argmin) · (max − min) / √median((yᵢ − yᵢ₋₁)²); 0 when all scores are equal,
 * Infinity when most adjacent steps are zero. Throws MetricError for fewer than 2 or non-finite scores.
 */
export function emergenceScore(scoresByScale: readonly number[]): number {
  requireFiniteArray("emergenceScore", "scoresByScale", scoresByScale);
  if (scoresByScale.length < 2)
    throw new MetricError("emergenceScore", "scoresByScale", "at least 2 scores", scoresByScale);
  let argmax = 0;
  let argmin = 0;
  for (let i = 1; i < scoresByScale.length; i++) {
    if (scoresByScale[i]! > scoresByScale[argmax]!) argmax = i;
    if (scoresByScale[i]! < scoresByScale[argmin]!) argmin = i;
  }
  const squares: number[] = [];
  for (let i = 1; i < scoresByScale.length; i++)
    squares.push((scoresByScale[i]! - scoresByScale[i - 1]!) ** 2);
  squares.sort((a, b) => a - b);
  const mid = squares.length >> 1;
  const median = squares.length % 2 ? squares[mid]! : (squares[mid - 1]! + squares[mid]!) / 2;
  const range = scoresByScale[argmax]! - scoresByScale[argmin]!;
  if (range === 0) return 0;
  return (Math.sign(argmax - argmin) * range) / Math.sqrt(median);
}

/** Largest change between adjacent sizes as a share of the total change (1 = one step does it all). */
export function largestJumpShare(scoresByScale: readonly number[]): number {
  requireFiniteArray("largestJumpShare", "scoresByScale", scoresByScale);
  if (scoresByScale.length < 2)
    throw new MetricError("largestJumpShare", "scoresByScale", "at least 2 scores", scoresByScale);
  let largest = 0;
  let total = 0;
  for (let i = 1; i < scoresByScale.length; i++) {
    const step = Math.abs(scoresByScale[i]! - scoresByScale[i - 1]!);
    largest = Math.max(largest, step);
    total += step;
  }
  return total === 0 ? 0 : largest / total;
}
