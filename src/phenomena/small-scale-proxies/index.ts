// Public surface of src/phenomena/small-scale-proxies (Wortsman et al. 2023), re-exported by
// src/index.ts.
export {
  copyBatch,
  copyLossFloor,
  copyOracleLoss,
  type CopyBatch,
  type CopyTaskOptions,
} from "./task.ts";
export {
  trainProxy,
  EVAL_SEED,
  EVAL_SEQUENCES,
  type ProxyEval,
  type ProxyPoint,
  type ProxyRun,
  type ProxyRunOptions,
  type ProxyVariant,
} from "./train.ts";
export { lrSensitivity, type LrPoint, type LrSensitivity } from "./sensitivity.ts";
export { ProxyError } from "./errors.ts";
