// Public surface of src/phenomena/scaling-law-estimation, re-exported by src/index.ts.
export { trainFamily, checkpointSteps, type Checkpoint, type FamilyOptions } from "./family.ts";
export {
  compareExtrapolation,
  type ExtrapolationComparison,
  type ExtrapolationOptions,
} from "./extrapolation.ts";
export { EstimationError } from "./errors.ts";
export { syntheticRuns, chinchillaLoss, type LossPoints } from "./synthetic.ts";
export {
  hoffmann2022,
  besiroglu2024,
  chinchillaRun,
  type ChinchillaLaw,
} from "../../data/chinchilla.ts";
