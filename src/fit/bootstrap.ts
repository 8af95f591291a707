// Percentile bootstrap of a fit: how far the parameters move when the data are redrawn.
// With `groups` (e.g. a run id per point) whole groups are redrawn — a block bootstrap, since
// checkpoints of one training run are not independent draws. Each resample starts from the
// full-data optimum rather than re-running the spec's grid, which keeps 1,000 resamples cheap.
import { rng } from "../data/random.ts";
import { FitError } from "./errors.ts";
import { fitCurve } from "./fitCurve.ts";
import type { FitResult } from "./fitCurve.ts";
import type { FitSpec } from "./spec.ts";
import { subsetSpec } from "./subset.ts";

export interface BootstrapOptions {
  resamples: number;
  /** One label per point; whole groups are resampled together. */
  groups?: readonly (string | number)[];
  seed?: number;
}

export interface BootstrapResult {
  /** The fit on all the data. */
  params: Record<string, number>;
  /** 2.5% and 97.5% percentiles of each parameter over resamples. */
  ci95: Record<string, [number, number]>;
  /** Every resample's parameters (failed resamples are left out). */
  samples: Record<string, number>[];
  fit: FitResult;
}

/**
 * Percentile bootstrap of `fitCurve(spec)`: refits `resamples` redraws of the points (whole
 * groups when `groups` labels are given — a block bootstrap for checkpoints of one run), each
 * started from the full-data optimum, and returns the 2.5–97.5% interval of every parameter.
 * Resamples whose fit fails are left out of `samples`. `seed` defaults to 0. Throws FitError
 * when `resamples` is not an integer ≥ 2 or `groups` does not have one label per point.
 * @example
 * const x = [1, 2, 4, 8, 16, 32];
 * const noise = rng(1);
 * const y = x.map((v) => 3 * v ** -0.5 * Math.exp(0.05 * noise.normal()));
 * const { params, ci95 } = bootstrap({ model: powerLaw, x, y }, { resamples: 200, seed: 1 });
 * ci95.alpha; // [lo, hi] around params.alpha ≈ 0.5
 */
export function bootstrap(spec: FitSpec, options: BootstrapOptions): BootstrapResult {
  const { resamples, groups, seed = 0 } = options;
  if (!(Number.isInteger(resamples) && resamples >= 2)) {
    throw new FitError(`resamples = ${resamples}`, "bootstrap({resamples})", "an integer ≥ 2");
  }
  if (groups !== undefined && groups.length !== spec.y.length) {
    throw new FitError(
      `groups has ${groups.length} labels but y has ${spec.y.length} points`,
      "bootstrap({groups})",
      "one group label per point",
    );
  }
  const fit = fitCurve(spec);
  const blocks = blocksOf(spec.y.length, groups);
  const random = rng(seed);
  const warm: FitSpec = { ...spec, init: fit.params };
  const samples: Record<string, number>[] = [];
  for (let b = 0; b < resamples; b++) {
    const indices: number[] = [];
    for (let j = 0; j < blocks.length; j++) indices.push(...blocks[random.int(blocks.length)]!);
    try {
      samples.push(fitCurve(subsetSpec(warm, indices)).params);
    } catch (e) {
      // A resample can be degenerate (too few distinct points for the parameters): skip it.
      if (!(e instanceof FitError)) throw e;
    }
  }
  const ci95: Record<string, [number, number]> = {};
  for (const name of Object.keys(fit.params)) {
    const values = samples.map((s) => s[name]!).sort((a, b) => a - b);
    ci95[name] = [quantile(values, 0.025), quantile(values, 0.975)];
  }
  return { params: fit.params, ci95, samples, fit };
}

function blocksOf(n: number, groups: readonly (string | number)[] | undefined): number[][] {
  if (groups === undefined) return Array.from({ length: n }, (_, i) => [i]);
  const byGroup = new Map<string | number, number[]>();
  groups.forEach((g, i) => {
    const block = byGroup.get(g);
    if (block) block.push(i);
    else byGroup.set(g, [i]);
  });
  return [...byGroup.values()];
}

/** Linear-interpolated quantile of sorted values (type 7, as R and numpy default). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
