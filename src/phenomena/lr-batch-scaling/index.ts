// Public surface of src/phenomena/lr-batch-scaling (Granziol, Zohren & Roberts 2022), re-exported by src/index.ts.
export {
  makeTestbed as makeBatchScalingTestbed,
  sampleBatch as sampleTestbedBatch,
  makeStudent,
  evalLoss,
  type Testbed as BatchScalingTestbed,
  type TestbedOptions as BatchScalingTestbedOptions,
} from "./testbed.ts";
export {
  isStable,
  maxStableLr,
  type OptimizerKind,
  type StabilityOptions,
  type BisectOptions,
} from "./stability.ts";
export { batchSharpness, type BatchSharpness } from "./curvature.ts";
