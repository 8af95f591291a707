// The ridge crossover of Xiao 2024 in random-features regression: a penalty λ* tuned at the
// interpolation point (n = P) on separate tuning draws, then held fixed while the data grow,
// against the ridgeless readout and against a penalty re-tuned at every size. Tuning draws
// score every λ of the grid at every size; evaluation draws score the three readouts, paired
// (same task, features and nested data), so their differences are measured per draw.
import { rng } from "../../data/random.ts";
import { CrossoverError } from "./errors.ts";
import { emptyGram, growGram, ridgeReadout, ridgelessReadout } from "./ridge.ts";
import { makeTask, sampleTask, testError, testMoments, type TaskOptions } from "./task.ts";

export interface RidgeSweepOptions extends TaskOptions {
  /** Training-set sizes, increasing (default 50 … 12,800 by doublings). */
  sizes?: readonly number[];
  /** Penalties tried when tuning; 0 means ridgeless (default 3e-7 … 3e-3 by √10, and 0). */
  lambdas?: readonly number[];
  /** Draws used only to choose λ (default 8). */
  tuningDraws?: number;
  /** Draws on which the readouts are compared (default 16). */
  evalDraws?: number;
  /** Test inputs per draw (default 4,000). */
  testSize?: number;
  seed?: number;
}

export interface RidgeSweep {
  sizes: number[];
  lambdas: number[];
  /** Mean test error of every λ (rows) at every size (columns) over the tuning draws. */
  tuning: number[][];
  /** The penalty tuned at the interpolation point n = P and then held fixed. */
  lambdaStar: number;
  /** The penalty re-tuned at each size. */
  lambdaRetuned: number[];
  /** Test errors on the evaluation draws, [draw][size]. */
  ridgeless: number[][];
  fixed: number[][];
  retuned: number[][];
}

/** Training-set sizes of ridgeCrossoverSweep: 50 … 12,800 by doublings. */
export const DEFAULT_SIZES = [50, 100, 200, 400, 800, 1600, 3200, 6400, 12800];
/** Ridge penalties tried by ridgeCrossoverSweep: 0 (ridgeless) and 3e-7 … 3e-3 by √10. */
export const DEFAULT_LAMBDAS = [0, 3e-7, 1e-6, 3e-6, 1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3];

/** Test error of each penalty at each size on one draw of task, data and test set. */
function scoreDraw(
  options: RidgeSweepOptions,
  sizes: readonly number[],
  lambdasAt: (sizeIndex: number) => readonly number[],
  seed: number,
): number[][] {
  const random = rng(seed);
  const task = makeTask(options, random);
  const moments = testMoments(task, options.testSize ?? 4000, random);
  const sample = sampleTask(task, sizes[sizes.length - 1]!, random);
  const gram = emptyGram(task.P);
  return sizes.map((n, i) => {
    growGram(gram, sample, n);
    const scored = new Map<number, number>(); // λ* and the re-tuned λ often coincide
    return lambdasAt(i).map((lambda) => {
      if (!scored.has(lambda)) {
        const w = lambda === 0 ? ridgelessReadout(gram, sample) : ridgeReadout(gram, lambda);
        scored.set(lambda, testError(moments, w));
      }
      return scored.get(lambda)!;
    });
  });
}

/** Index of the smallest value (the first, on ties): the tuned setting of a grid. */
export const argmin = (values: readonly number[]): number =>
  values.reduce((best, v, i) => (v < values[best]! ? i : best), 0);

/**
 * The regularisation crossover on the random-features task: the penalty λ* tuned at the
 * interpolation point n = P on `tuningDraws` (8), then ridgeless, fixed-λ* and per-size re-tuned
 * readouts compared on `evalDraws` (16) draws at every size. Throws CrossoverError for sizes that
 * are not increasing, that omit P, or too few draws.
 */
export function ridgeCrossoverSweep(options: RidgeSweepOptions = {}): RidgeSweep {
  const sizes = [...(options.sizes ?? DEFAULT_SIZES)];
  const lambdas = [...(options.lambdas ?? DEFAULT_LAMBDAS)];
  const { tuningDraws = 8, evalDraws = 16, seed = 1, P = 200 } = options;
  if (sizes.some((n, i) => !(Number.isInteger(n) && n > 0 && (i === 0 || n > sizes[i - 1]!))))
    throw new CrossoverError(
      "ridgeCrossoverSweep({sizes})",
      `[${sizes}]`,
      "increasing positive integers",
    );
  const pIndex = sizes.indexOf(P);
  if (pIndex < 0)
    throw new CrossoverError(
      "ridgeCrossoverSweep({sizes})",
      `[${sizes}] has no n = P = ${P}`,
      "the interpolation point among the sizes (λ* is tuned there)",
    );
  if (!(tuningDraws >= 1 && evalDraws >= 2))
    throw new CrossoverError(
      "ridgeCrossoverSweep({tuningDraws, evalDraws})",
      `${tuningDraws} and ${evalDraws}`,
      "≥ 1 tuning draw and ≥ 2 evaluation draws",
    );
  // Draw seeds: tuning and evaluation streams never overlap (10,000 apart per notebook seed).
  const tuningSeed = (t: number): number => 10_000 * seed + t;
  const evalSeed = (e: number): number => 10_000 * seed + 5_000 + e;

  const tuning = lambdas.map(() => sizes.map(() => 0));
  for (let t = 0; t < tuningDraws; t++) {
    const errors = scoreDraw(options, sizes, () => lambdas, tuningSeed(t));
    errors.forEach((row, i) => row.forEach((e, l) => (tuning[l]![i]! += e / tuningDraws)));
  }
  const lambdaRetuned = sizes.map((_, i) => lambdas[argmin(tuning.map((row) => row[i]!))]!);
  const lambdaStar = lambdaRetuned[pIndex]!;

  const ridgeless: number[][] = [];
  const fixed: number[][] = [];
  const retuned: number[][] = [];
  for (let e = 0; e < evalDraws; e++) {
    const errors = scoreDraw(
      options,
      sizes,
      (i) => [0, lambdaStar, lambdaRetuned[i]!],
      evalSeed(e),
    );
    ridgeless.push(errors.map((row) => row[0]!));
    fixed.push(errors.map((row) => row[1]!));
    retuned.push(errors.map((row) => row[2]!));
  }
  return { sizes, lambdas, tuning, lambdaStar, lambdaRetuned, ridgeless, fixed, retuned };
}
