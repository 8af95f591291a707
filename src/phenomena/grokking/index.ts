// Public surface of src/phenomena/grokking, re-exported by src/index.ts: the modular-addition
// experiment of "Grokking at the Edge of Numerical Stability" (Prieto et al. 2025) as a
// function of its config, so notebooks can sweep it.
export { runGrokking, type GrokkingRun, type GrokkingHooks } from "./train.ts";
export {
  resolveConfig as resolveGrokkingConfig,
  GROKKING_DEFAULTS,
  type GrokkingConfig,
  type GrokkingLoss,
} from "./config.ts";
export {
  modularAddition,
  type ModularAddition,
  type ModularSplit,
  type ModularAdditionOptions,
} from "./data.ts";
export { type GrokkingRecord } from "./record.ts";
export { recordSteps as grokkingRecordSteps } from "./schedule.ts";
export { GrokkingError } from "./errors.ts";
