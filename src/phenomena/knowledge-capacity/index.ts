// Public surface of src/phenomena/knowledge-capacity (Allen-Zhu & Li 2024), re-exported by src/index.ts.
export {
  makeKnowledgeBase,
  type KnowledgeBase,
  type KnowledgeBaseOptions,
} from "./knowledge-base.ts";
export {
  trainMemoriser,
  bitsPerFact,
  bitsStored,
  parameterCount,
  type Memoriser,
  type MemoriserOptions,
} from "./memoriser.ts";
export {
  quantiseValues,
  quantiseColumns,
  withQuantisedWeights,
  WEIGHT_FORMATS,
  type WeightFormat,
} from "./quantise.ts";
export { plateau, type Plateau } from "./plateau.ts";
export { coverSeparableFraction } from "./cover.ts";
export { KnowledgeCapacityError } from "./errors.ts";
