// Public surface of src/phenomena/inference-scaling, re-exported by src/index.ts.
export { fitLine, type LineFit } from "./line.ts";
export {
  fitCoverageLaw,
  drawBetaPassRates,
  drawBinomial,
  failureExponent,
  type ExponentiatedPowerLaw,
} from "./coverage-law.ts";
export {
  resamplingAccuracy,
  resamplingCeiling,
  resamplingUtility,
  optimalSamples,
  simulateResampling,
  type VerifierTask,
  type Verifier,
} from "./verifier.ts";
