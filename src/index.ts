// The one public door: what notebooks import with `import { … } from "tsnb"`.
export * from "./display/index.ts";
export * from "./tensor/index.ts";
export * from "./fit/index.ts";
export * from "./metrics/index.ts";
export { rng, type Rng } from "./runtime/rng.ts";
export * from "./phenomena/emergence/index.ts";
export * from "./phenomena/downstream-elusive/index.ts";
export * from "./phenomena/inference-scaling/index.ts";
export * from "./phenomena/inverse-scaling/index.ts";
export * from "./phenomena/grokking/index.ts";
export * from "./phenomena/scaling-law-estimation/index.ts";
export * from "./phenomena/scaling-regimes/index.ts";
export * from "./phenomena/lr-annealing/index.ts";
export * from "./phenomena/scaling-crossover/index.ts";
export * from "./phenomena/edge-of-stability/index.ts";
export * from "./phenomena/ghosts-of-softmax/index.ts";
