// Public surface of src/phenomena/low-precision (FP8/NVFP4 training; NVIDIA 2025, Sun et al.
// 2025), re-exported by src/index.ts.
export { makeSoftmaxTask, lossFloor, type SoftmaxTask, type SoftmaxTaskOptions } from "./task.ts";
export {
  recipePrecisions,
  bf16Precision,
  type Recipe,
  type Fp4Options,
  type RecipePrecisions,
} from "./recipe.ts";
export {
  trainLowPrecision,
  type LowPrecisionRun,
  type LowPrecisionRunOptions,
} from "./training.ts";
export { productError, type ProductErrorOptions } from "./error.ts";
