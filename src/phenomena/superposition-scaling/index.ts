// Public surface of src/phenomena/superposition-scaling (Liu, Liu & Gore 2025), re-exported by
// src/index.ts.
export { featureProbabilities, trivialLoss, sampleBatch, type SparseBatch } from "./features.ts";
export {
  makeToyModel,
  lossAndGradient,
  batchLoss,
  rowNorms,
  representedShare,
  type ToyModel,
} from "./toy-model.ts";
export { SignedDecayAdamW, applySignedDecay, type SignedDecayOptions } from "./decay.ts";
export { trainToyModel, type ToyRunOptions, type ToyRun } from "./train.ts";
export { SuperpositionError } from "./errors.ts";
