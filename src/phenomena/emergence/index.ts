// Public surface of src/phenomena/emergence, re-exported by src/index.ts.
export { mirageFamily, type MirageOptions, type MiragePoint } from "./mirage.ts";
export { makeFacts, HashedFactModel, type FactSet } from "./fact-model.ts";
export {
  fitTaskLaw,
  predictInstanceLevel,
  type TaskLaw,
  type LawPoint,
  type InstancePrediction,
} from "./pass-until-law.ts";
export {
  drawMirageItems,
  itemPassRate,
  type MirageItem,
  type ItemFamilyOptions,
} from "./item-family.ts";
export { FactMlp, type FactMlpOptions } from "./fact-mlp.ts";
export {
  heldOutLawTest,
  type FamilyMember,
  type MeasuredMember,
  type HeldOutTest,
} from "./held-out-law.ts";
export {
  zipfWeights,
  drawByWeight,
  randomContexts,
  drawTokenItems,
  tokenItemPassRate,
  type TokenDraw,
  type TokenScorer,
} from "./zipf.ts";
export { premiseCheck, type PremiseCheck } from "./premise.ts";
export { EmergenceError } from "./errors.ts";
