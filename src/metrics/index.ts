// Public surface of src/metrics, re-exported by src/index.ts: how answers are graded and how
// grades are summarised across a model family.
export { MetricError } from "./error.ts";
export { exactMatch, exactMatchRate, tokenEditDistance, type Tokens } from "./match.ts";
export { multipleChoiceGrade, brierScore, choiceProbabilities } from "./choice.ts";
export {
  aggregateLogLikelihood,
  corpusCrossEntropy,
  type LogLikelihoodSummary,
} from "./likelihood.ts";
export {
  passAtK,
  coverageCurve,
  expectedCoverage,
  type ProblemSamples,
  type CoveragePoint,
} from "./pass-at-k.ts";
export {
  passUntil,
  passUntilEstimate,
  binomialEstimate,
  simulatePassUntil,
  type PassUntilEstimate,
  type PassUntilOptions,
} from "./pass-until.ts";
export { regularizedBeta, betaQuantile, logGamma } from "./beta.ts";
export { isotonicIncreasing, isotonicDecreasing, unimodalFit } from "./isotonic.ts";
export { classifyTrend, type TrendShape, type TrendClassification } from "./trend-shape.ts";
export { benchmarkHarmony } from "./harmony.ts";
export { emergenceScore, largestJumpShare } from "./emergence-score.ts";
export { pearson, spearman, kendall, ranks } from "./correlation.ts";
export { seededUniform, normalDraw, geometricDraw, type Uniform } from "./random.ts";
