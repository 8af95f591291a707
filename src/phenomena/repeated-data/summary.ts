// Reading a repeated-data sweep: paired differences between two settings over the same seeds
// (mean ± standard error of the per-seed differences), and the size of a clean model that would
// do as badly — the loss read off the clean width sweep by interpolating in log size.
import { quantile } from "../../fit/index.ts";
import { makeRng } from "../../tensor/index.ts";
import { RepeatedDataError } from "./errors.ts";

export interface PairedDifference {
  mean: number;
  /** Standard error of the mean difference: sd / √seeds. */
  se: number;
}

/** a[i] − b[i] over paired seeds. */
export function pairedDifference(a: readonly number[], b: readonly number[]): PairedDifference {
  if (a.length !== b.length || a.length < 2)
    throw new RepeatedDataError(
      "pairedDifference",
      `${a.length} and ${b.length} values`,
      "two equal-length lists of ≥ 2 paired values",
    );
  const d = a.map((x, i) => x - b[i]!);
  const mean = d.reduce((s, x) => s + x, 0) / d.length;
  const variance = d.reduce((s, x) => s + (x - mean) ** 2, 0) / (d.length - 1);
  return { mean, se: Math.sqrt(variance / d.length) };
}

/**
 * The size at which the clean loss equals `loss`, by linear interpolation of loss against
 * log size between neighbouring sweep points (sizes ascending, losses falling). Outside the
 * sweep it returns the end size it passed (so a harm larger than the sweep reads as "at most").
 */
export function equivalentSize(
  sizes: readonly number[],
  losses: readonly number[],
  loss: number,
): number {
  if (sizes.length !== losses.length || sizes.length < 2)
    throw new RepeatedDataError(
      "equivalentSize",
      `${sizes.length} sizes and ${losses.length} losses`,
      "≥ 2 paired points",
    );
  if (loss >= losses[0]!) return sizes[0]!;
  for (let i = 1; i < sizes.length; i++) {
    if (loss >= losses[i]!) {
      const t = (losses[i - 1]! - loss) / (losses[i - 1]! - losses[i]!);
      return Math.exp(
        Math.log(sizes[i - 1]!) + t * (Math.log(sizes[i]!) - Math.log(sizes[i - 1]!)),
      );
    }
  }
  return sizes[sizes.length - 1]!;
}

export interface EquivalentSize {
  /** From the seed means. */
  size: number;
  ci95: [number, number];
}

/**
 * `equivalentSize` of the mean `harmed` loss on the mean clean sweep, with a percentile bootstrap
 * over seeds: each resample redraws seeds (paired: a seed's clean sweep and harmed loss together).
 * `clean[i][s]` is size i's clean loss at seed s; `harmed[s]` the harmed loss at seed s.
 */
export function equivalentSizeInterval(
  sizes: readonly number[],
  clean: readonly (readonly number[])[],
  harmed: readonly number[],
  options: { resamples?: number; seed?: number } = {},
): EquivalentSize {
  const { resamples = 1000, seed = 1 } = options;
  const n = harmed.length;
  const at = (picks: readonly number[]) => {
    const mean = (xs: readonly number[]) => picks.reduce((s, p) => s + xs[p]!, 0) / picks.length;
    return equivalentSize(sizes, clean.map(mean), mean(harmed));
  };
  const random = makeRng(seed);
  const draws = Array.from({ length: resamples }, () =>
    at(Array.from({ length: n }, () => random.int(n))),
  ).sort((a, b) => a - b);
  return {
    size: at(Array.from({ length: n }, (_, i) => i)),
    ci95: [quantile(draws, 0.025), quantile(draws, 0.975)],
  };
}
