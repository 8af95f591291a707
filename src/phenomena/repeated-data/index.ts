// Public surface of src/phenomena/repeated-data (Hernandez et al. 2022), re-exported by src/index.ts.
export { repeatedDataLosses, type RepeatedDataOptions } from "./repeated.ts";
export {
  pairedDifference,
  equivalentSize,
  equivalentSizeInterval,
  type PairedDifference,
  type EquivalentSize,
} from "./summary.ts";
export { RepeatedDataError } from "./errors.ts";
