// Public surface of src/phenomena/scaling-crossover (Xiao 2024, "scaling law crossover"),
// re-exported by src/index.ts.
export {
  makeTask,
  sampleTask,
  testMoments,
  testError,
  type TaskOptions,
  type FeatureTask,
  type Sample,
  type TestMoments,
} from "./task.ts";
export {
  emptyGram,
  growGram,
  ridgeReadout,
  minNormReadout,
  ridgelessReadout,
  type Gram,
} from "./ridge.ts";
export {
  ridgeCrossoverSweep,
  DEFAULT_SIZES,
  DEFAULT_LAMBDAS,
  type RidgeSweepOptions,
  type RidgeSweep,
} from "./sweep.ts";
export { sgdCurve, type SgdCurveOptions } from "./sgd.ts";
export {
  horizonCrossoverSweep,
  DEFAULT_LRS,
  DEFAULT_CHECKPOINTS,
  type HorizonSweepOptions,
  type HorizonSweep,
} from "./horizon.ts";
export {
  crossingPoint,
  pairedDifferences,
  bootstrapCrossing,
  bootstrapMean,
  type CrossingEstimate,
  type MeanInterval,
} from "./crossing.ts";
export { CrossoverError } from "./errors.ts";
