// Public surface of src/phenomena/data-pruning (Sorscher et al. 2022), re-exported by src/index.ts.
export { maxMarginSeparator, type MaxMarginResult } from "./svm.ts";
export {
  randomDirection as randomTeacher,
  teacherLabelled,
  probeAtAngle,
  keepIndices,
  subset,
  perceptronError,
  type KeepRule,
  type LabelledSet,
} from "./perceptron.ts";
export { pruningError, type PruningSetting, type PruningOutcome } from "./experiment.ts";
export { PruningError } from "./errors.ts";
