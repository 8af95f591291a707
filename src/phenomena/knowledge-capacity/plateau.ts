// The capacity plateau: mean bits per parameter over model sizes, with a percentile bootstrap
// that redraws the replicate runs within each size (stratified), so every resample still has
// every size and the interval reflects run-to-run spread, not the number of sizes.
import { quantile } from "../../fit/index.ts";
import { makeRng } from "../../tensor/index.ts";
import { KnowledgeCapacityError } from "./errors.ts";

export interface Plateau {
  /** Mean over sizes of each size's mean value. */
  mean: number;
  ci95: [number, number];
  /** Each size's mean, in the order given. */
  bySize: number[];
}

const average = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** `bySize[i]` holds the replicate values of size i. */
export function plateau(
  bySize: readonly (readonly number[])[],
  options: { resamples?: number; seed?: number } = {},
): Plateau {
  const { resamples = 2000, seed = 1 } = options;
  if (bySize.length === 0 || bySize.some((runs) => runs.length === 0))
    throw new KnowledgeCapacityError("plateau", "an empty size", "at least one value per size");
  const random = makeRng(seed);
  const means: number[] = [];
  for (let b = 0; b < resamples; b++)
    means.push(
      average(bySize.map((runs) => average(runs.map(() => runs[random.int(runs.length)]!)))),
    );
  means.sort((a, b) => a - b);
  return {
    mean: average(bySize.map(average)),
    ci95: [quantile(means, 0.025), quantile(means, 0.975)],
    bySize: bySize.map(average),
  };
}
