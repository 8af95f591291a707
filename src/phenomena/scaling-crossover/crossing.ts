// Where two scaling curves cross, and how sure we are. The curves are compared through their
// paired per-draw differences d(n) = L_A(n) − L_B(n); the crossover is the last sign change of
// the mean difference from ≤ 0 to > 0 (A wins below it and loses at every size above),
// interpolated linearly in ln n. Its 95% interval is a percentile bootstrap over draws: whole
// draws are resampled, so the correlation of one draw's points across sizes is kept.
import { rng } from "../../data/random.ts";
import { quantile } from "../../fit/bootstrap.ts";
import { CrossoverError } from "./errors.ts";

/** Size at which `values` (one per size) turns positive for good, or null if it never does. */
export function crossingPoint(sizes: readonly number[], values: readonly number[]): number | null {
  if (sizes.length !== values.length || sizes.length < 2)
    throw new CrossoverError(
      "crossingPoint",
      `${sizes.length} sizes and ${values.length} values`,
      "≥ 2 sizes, one value each",
    );
  let first = values.length; // first index of the final all-positive run
  while (first > 0 && values[first - 1]! > 0) first--;
  if (first === 0 || first === values.length) return null; // never negative, or never positive
  const [x0, x1] = [Math.log(sizes[first - 1]!), Math.log(sizes[first]!)];
  const [y0, y1] = [values[first - 1]!, values[first]!];
  return Math.exp(x0 + ((x1 - x0) * -y0) / (y1 - y0));
}

export interface CrossingEstimate {
  /** Crossing of the mean difference over all draws (null: no crossing). */
  estimate: number | null;
  /** 2.5% and 97.5% percentiles over resamples that cross. */
  ci95: [number, number];
  /** Share of resamples whose mean difference crosses. */
  crossingShare: number;
  resamples: number;
}

const meanCurve = (rows: readonly (readonly number[])[], pick: readonly number[]): number[] =>
  rows[0]!.map((_, i) => pick.reduce((s, r) => s + rows[r]![i]!, 0) / pick.length);

/** Per-draw differences a − b, [draw][size]. */
export function pairedDifferences(
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
): number[][] {
  if (a.length !== b.length)
    throw new CrossoverError(
      "pairedDifferences",
      `${a.length} and ${b.length} draws`,
      "paired draws",
    );
  return a.map((row, d) => row.map((v, i) => v - b[d]![i]!));
}

/**
 * Where two scaling curves cross: from per-draw differences L_A(n) − L_B(n) at `sizes`, the last
 * sign change of the mean difference from ≤ 0 to > 0 (interpolated in ln n; null if none) and its
 * 95% percentile-bootstrap interval over whole draws (2000 resamples, seed 0). Throws
 * CrossoverError for fewer than 2 draws.
 */
export function bootstrapCrossing(
  sizes: readonly number[],
  differences: readonly (readonly number[])[],
  options: { resamples?: number; seed?: number } = {},
): CrossingEstimate {
  const { resamples = 2000, seed = 0 } = options;
  const draws = differences.length;
  if (draws < 2)
    throw new CrossoverError("bootstrapCrossing", `${draws} draws`, "≥ 2 draws to resample");
  const all = Array.from({ length: draws }, (_, d) => d);
  const estimate = crossingPoint(sizes, meanCurve(differences, all));
  const random = rng(seed);
  const crossings: number[] = [];
  for (let b = 0; b < resamples; b++) {
    const pick = all.map(() => random.int(draws));
    const x = crossingPoint(sizes, meanCurve(differences, pick));
    if (x !== null) crossings.push(x);
  }
  crossings.sort((p, q) => p - q);
  return {
    estimate,
    ci95: [quantile(crossings, 0.025), quantile(crossings, 0.975)],
    crossingShare: crossings.length / resamples,
    resamples,
  };
}

export interface MeanInterval {
  mean: number;
  ci95: [number, number];
}

/** Mean of values with a percentile-bootstrap 95% interval. */
export function bootstrapMean(
  values: readonly number[],
  options: { resamples?: number; seed?: number } = {},
): MeanInterval {
  const { resamples = 2000, seed = 0 } = options;
  if (values.length < 2)
    throw new CrossoverError("bootstrapMean", `${values.length} values`, "≥ 2 values to resample");
  const n = values.length;
  const random = rng(seed);
  const means: number[] = [];
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[random.int(n)]!;
    means.push(s / n);
  }
  means.sort((p, q) => p - q);
  return {
    mean: values.reduce((s, v) => s + v, 0) / n,
    ci95: [quantile(means, 0.025), quantile(means, 0.975)],
  };
}
