// Public surface of src/phenomena/edge-of-stability (Cohen et al. 2021), re-exported by src/index.ts.
export { teacherData, type TeacherData, type TeacherOptions } from "./teacher.ts";
export { tanhMlp, forward as tanhMlpForward, halfSquaredLoss, type TanhMlp } from "./network.ts";
export {
  runDescent,
  type DescentOptions,
  type DescentRun,
  type SharpnessCheckpoint,
} from "./descent.ts";
export {
  stabilitySummary,
  sharpnessAtMatchedLoss,
  type StabilitySummary,
  type MatchedSharpness,
} from "./stability.ts";
