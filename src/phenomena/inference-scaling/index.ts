// Public surface of src/phenomena/inference-scaling, re-exported by src/index.ts.
export { InferenceScalingError } from "./errors.ts";
export {
  fitCoverageLaw,
  logSpacedKs,
  largestMiss,
  failureExponent,
  type ExponentiatedPowerLaw,
} from "./coverage-law.ts";
export {
  betaCoverage,
  betaFromTwoPoints,
  drawBetaPassRates,
  drawBinomial,
} from "./beta-population.ts";
export {
  resamplingAccuracy,
  resamplingCeiling,
  resamplingUtility,
  optimalSamples,
  simulateResampling,
  type VerifierTask,
  type Verifier,
} from "./verifier.ts";
export {
  sequencePassRates,
  widthNearest,
  trainedPopulation,
  type SequenceScorer,
  type WidthSearch,
  type WidthChoice,
  type TrainedPopulation,
  type TrainedPopulationOptions,
} from "./trained-population.ts";
export {
  coverageStudy,
  countsStudy,
  type CoverageStudy,
  type CountsStudy,
} from "./coverage-study.ts";
export { parseSampleCounts } from "./sample-counts.ts";
