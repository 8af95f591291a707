// The training-dynamics crossover: a constant learning rate tuned on short runs (the one that
// wins at a small step budget) held fixed as runs lengthen, against the rate tuned at the
// longest budget. Tuning draws run every rate of the grid to the full horizon; evaluation draws
// run the two chosen rates on the same task and the same stream of samples (paired), so the
// per-draw difference of their test errors is measured at every checkpoint.
import { rng } from "../../data/random.ts";
import { CrossoverError } from "./errors.ts";
import { sgdCurve } from "./sgd.ts";
import { argmin } from "./sweep.ts";
import { makeTask, testMoments, type TaskOptions } from "./task.ts";

export interface HorizonSweepOptions extends TaskOptions {
  /** Constant learning rates tried when tuning (default 1/16 … 2 by doublings). */
  lrs?: readonly number[];
  /** Steps at which the test error is recorded (default 64 … 65,536 by doublings). */
  checkpoints?: readonly number[];
  /** The short budget the "small-scale" rate is tuned at; one of the checkpoints (default 1,024). */
  shortHorizon?: number;
  /** Samples per step (default 1). */
  batch?: number;
  /** Draws used only to choose the rates (default 4). */
  tuningDraws?: number;
  /** Draws on which the two rates are compared (default 12). */
  evalDraws?: number;
  /** Test inputs per draw (default 4,000). */
  testSize?: number;
  seed?: number;
}

export interface HorizonSweep {
  checkpoints: number[];
  lrs: number[];
  /** Mean test error of every rate (rows) at every checkpoint (columns) over the tuning draws. */
  tuning: number[][];
  shortHorizon: number;
  /** Rate tuned at the short budget, then held fixed. */
  lrShort: number;
  /** Rate tuned at the longest budget. */
  lrLong: number;
  /** Test errors on the evaluation draws, [draw][checkpoint]. */
  short: number[][];
  long: number[][];
}

/** Constant learning rates tried by horizonCrossoverSweep: 1/16 … 2 by doublings. */
export const DEFAULT_LRS = [1 / 16, 1 / 8, 1 / 4, 1 / 2, 1, 2];
/** Steps at which horizonCrossoverSweep records test error: 64 … 65,536 by doublings. */
export const DEFAULT_CHECKPOINTS = Array.from({ length: 11 }, (_, i) => 64 * 2 ** i);

/**
 * The training-horizon crossover: tunes a constant learning rate at a short budget
 * (`shortHorizon`, 1024 steps) and at the longest checkpoint on `tuningDraws` (4), then runs both
 * on `evalDraws` (12) paired draws and records their test errors at every checkpoint. Throws
 * CrossoverError when shortHorizon is not a checkpoint or the draws are too few.
 */
export function horizonCrossoverSweep(options: HorizonSweepOptions = {}): HorizonSweep {
  const lrs = [...(options.lrs ?? DEFAULT_LRS)];
  const checkpoints = [...(options.checkpoints ?? DEFAULT_CHECKPOINTS)];
  const { shortHorizon = 1024, batch = 1, tuningDraws = 4, evalDraws = 12, seed = 1 } = options;
  const testSize = options.testSize ?? 4000;
  const shortIndex = checkpoints.indexOf(shortHorizon);
  if (shortIndex < 0)
    throw new CrossoverError(
      "horizonCrossoverSweep({shortHorizon})",
      `${shortHorizon} is not among the checkpoints [${checkpoints}]`,
      "one of the checkpoints",
    );
  if (!(tuningDraws >= 1 && evalDraws >= 2))
    throw new CrossoverError(
      "horizonCrossoverSweep({tuningDraws, evalDraws})",
      `${tuningDraws} and ${evalDraws}`,
      "≥ 1 tuning draw and ≥ 2 evaluation draws",
    );
  // One draw: its task and test set from one stream, its training samples from another that
  // every rate replays identically (paired comparison).
  const runDraw = (drawSeed: number, rates: readonly number[]): number[][] => {
    const random = rng(drawSeed);
    const task = makeTask(options, random);
    const moments = testMoments(task, testSize, random);
    return rates.map((lr) =>
      sgdCurve(task, moments, { lr, batch, checkpoints }, rng(drawSeed + 0x9e3779b9)),
    );
  };
  const tuning = lrs.map(() => checkpoints.map(() => 0));
  for (let t = 0; t < tuningDraws; t++) {
    const curves = runDraw(20_000 * seed + t, lrs);
    curves.forEach((curve, l) => curve.forEach((e, i) => (tuning[l]![i]! += e / tuningDraws)));
  }
  const lrShort = lrs[argmin(tuning.map((row) => row[shortIndex]!))]!;
  const lrLong = lrs[argmin(tuning.map((row) => row[checkpoints.length - 1]!))]!;
  const short: number[][] = [];
  const long: number[][] = [];
  for (let e = 0; e < evalDraws; e++) {
    const [s, l] = runDraw(20_000 * seed + 10_000 + e, [lrShort, lrLong]);
    short.push(s!);
    long.push(l!);
  }
  return { checkpoints, lrs, tuning, shortHorizon, lrShort, lrLong, short, long };
}
