// Public surface of src/fit, re-exported by src/index.ts.
export { fitCurve } from "./fitCurve.ts";
export type { FitResult } from "./fitCurve.ts";
export type { FitSpec, Inputs, Loss } from "./spec.ts";
export { bootstrap, quantile } from "./bootstrap.ts";
export type { BootstrapOptions, BootstrapResult } from "./bootstrap.ts";
export { heldOut } from "./heldOut.ts";
export type { HeldOutResult, Split } from "./heldOut.ts";
export { computeOptimal } from "./computeOptimal.ts";
export type { ChinchillaParams, ComputeOptimum } from "./computeOptimal.ts";
export { fitLine } from "./line.ts";
export type { LineFit } from "./line.ts";
export { annealingAreas } from "./annealing.ts";
export type { AnnealingAreas } from "./annealing.ts";
export {
  powerLaw,
  saturatingPowerLaw,
  chinchilla,
  hoffmannStarts,
  brokenPowerLaw,
  annealingLaw,
  builtInForms,
} from "./forms.ts";
export type { CurveForm } from "./forms.ts";
export { FitError } from "./errors.ts";
