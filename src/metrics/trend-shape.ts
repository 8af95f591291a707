// Trend-shape classifier for a score-vs-scale curve (McKenzie et al. 2023 and Wei et al. 2023
// label inverse-scaling tasks as normal, inverse, U-shaped or inverted-U). Method: least-squares
// fits of increasing shape complexity — constant, monotone (isotonic), single-peak/valley
// (unimodal) — and the simplest whose largest residual stays within the noise threshold wins;
// a shape's arms count only when they move more than the threshold.
import { MetricError, requireFiniteArray, requireSameLength } from "./error.ts";
import { isotonicDecreasing, isotonicIncreasing, unimodalFit } from "./isotonic.ts";

export type TrendShape = "flat" | "monotone-up" | "monotone-down" | "inverted-U" | "U";

export interface TrendClassification {
  shape: TrendShape;
  /** The fitted curve of the chosen shape, in the order of increasing scale. */
  fit: number[];
  /** Largest |y − fit| of the chosen shape. */
  maxResidual: number;
  /** False when no shape fits within the noise (the closest one is reported). */
  withinNoise: boolean;
  /** Index (in scale order) of the turning point for U / inverted-U, else -1. */
  turn: number;
  /** Scales sorted ascending, with the scores in that order. */
  scales: number[];
  scores: number[];
}

/**
 * Classifies `scores` measured at `scales`. `noise` is the size of change that counts as real
 * (e.g. two standard errors of the score); residuals within it are treated as noise.
 */
export function classifyTrend(
  scales: readonly number[],
  scores: readonly number[],
  noise: number,
): TrendClassification {
  requireSameLength("classifyTrend", ["scales", "scores"], scales, scores);
  requireFiniteArray("classifyTrend", "scales", scales);
  requireFiniteArray("classifyTrend", "scores", scores);
  if (!(noise >= 0)) throw new MetricError("classifyTrend", "noise", "a number ≥ 0", noise);
  if (scales.length < 2)
    throw new MetricError("classifyTrend", "scales", "at least 2 points", scales);
  const order = scales.map((_, i) => i).sort((a, b) => scales[a]! - scales[b]!);
  const xs = order.map((i) => scales[i]!);
  const ys = order.map((i) => scores[i]!);
  const mean = ys.reduce((s, y) => s + y, 0) / ys.length;
  const peak = unimodalFit(ys);
  const valley = unimodalFit(ys, true);
  const candidates: { shape: TrendShape; fit: number[]; turn: number; valid: boolean }[] = [
    { shape: "flat", fit: ys.map(() => mean), turn: -1, valid: true },
    ...monotone(ys, noise),
    {
      shape: "inverted-U",
      fit: peak.fit,
      turn: peak.mode,
      valid: armsMove(peak.fit, peak.mode, noise),
    },
    {
      shape: "U",
      fit: valley.fit,
      turn: valley.mode,
      valid: armsMove(valley.fit, valley.mode, noise),
    },
  ];
  const scored = candidates
    .filter((c) => c.valid)
    .map((c) => ({ ...c, maxResidual: Math.max(...ys.map((y, i) => Math.abs(y - c.fit[i]!))) }));
  // Simplest shape within the noise; if none fits that well, the one with the smallest residual.
  const within = scored.find((c) => c.maxResidual <= noise);
  const chosen = within ?? scored.reduce((a, b) => (b.maxResidual < a.maxResidual ? b : a));
  return {
    shape: chosen.shape,
    fit: chosen.fit,
    maxResidual: chosen.maxResidual,
    withinNoise: within !== undefined,
    turn: chosen.turn,
    scales: xs,
    scores: ys,
  };
}

function monotone(ys: number[], noise: number) {
  const up = isotonicIncreasing(ys);
  const down = isotonicDecreasing(ys);
  const upFirst = sse(ys, up) <= sse(ys, down);
  const upEntry = {
    shape: "monotone-up" as const,
    fit: up,
    turn: -1,
    valid: up[up.length - 1]! - up[0]! > noise,
  };
  const downEntry = {
    shape: "monotone-down" as const,
    fit: down,
    turn: -1,
    valid: down[0]! - down[down.length - 1]! > noise,
  };
  return upFirst ? [upEntry, downEntry] : [downEntry, upEntry];
}

function armsMove(fit: number[], turn: number, noise: number): boolean {
  const first = fit[0]!;
  const last = fit[fit.length - 1]!;
  const extreme = fit[turn]!;
  return Math.abs(extreme - first) > noise && Math.abs(extreme - last) > noise;
}

function sse(ys: readonly number[], fit: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < ys.length; i++) total += (ys[i]! - fit[i]!) ** 2;
  return total;
}
