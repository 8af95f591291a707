// Public surface of src/phenomena/scaling-regimes (Bahri et al. 2021), re-exported by src/index.ts.
export {
  makeTeacher,
  sampleInputs,
  makeProjection,
  latentLoss,
  minNormLeastSquares,
  studentLoss,
  studentLossFromMoments,
  studentLossSampled,
  infiniteWidthLoss,
  infiniteDataLoss,
  type Teacher,
} from "./model.ts";
export {
  varianceLimitedInD,
  varianceLimitedInP,
  resolutionLimitedInD,
  resolutionLimitedInP,
  type RegimeOptions,
  type RegimePoint,
  type RegimeSweep,
} from "./regimes.ts";
export { resolutionLimitedPoint, type WidthPoint, type WidthPointOptions } from "./width-point.ts";
