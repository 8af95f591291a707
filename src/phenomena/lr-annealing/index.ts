// Public surface of src/phenomena/lr-annealing (Tissue et al. 2024), re-exported by src/index.ts.
export { trainWithSchedule, type AnnealingRunOptions, type LossCurve } from "./training.ts";
export {
  fitAnnealingLaw,
  type AnnealingFit,
  type AnnealingFitOptions,
  type CurvePrediction,
} from "./law.ts";
