// Settings of one grokking run, with the defaults of this project's calibrated setup and a
// validator that names the offending field. The paper's own values (Prieto et al. 2025, public
// code): p = 113, width 200, train fraction 0.4, AdamW β1 0.9, ε 1e-25, float32 model.
import type { Dtype } from "../../tensor/index.ts";
import { GrokkingError } from "./errors.ts";
import type { GrokkingRecord } from "./record.ts";

export type GrokkingLoss = "softmax" | "stablemax";

export interface GrokkingConfig {
  /** Modulus: the task is (a + b) mod p over all p² pairs. */
  p: number;
  /** Hidden width of the MLP 2p → width → width → p (ReLU, no biases). */
  width: number;
  trainFraction: number;
  /** Optimiser steps (full batch); the run may stop earlier by `stopWhen`. */
  steps: number;
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** Decoupled (AdamW) weight decay λ: w ← w(1 − lr·λ) each step. */
  weightDecay: number;
  /** ⊥Grad: remove each gradient's component along its weights, rescale to the old norm. */
  perpGrad: boolean;
  loss: GrokkingLoss;
  /** dtype the logits are cast to before (log-)softmax/StableMax: the paper's "softmax precision". */
  lossDtype: Dtype;
  /** dtype of the weights, activations and optimiser state. */
  modelDtype: Dtype;
  /** Seeds the split (seed) and the initialisation (seed + 1). */
  seed: number;
  /** Metrics are recorded at steps 0…10 and then `recordsPerDecade` log-spaced steps per decade. */
  recordsPerDecade: number;
  /** Also record every `recordEvery` steps (0: only the log-spaced ones). */
  recordEvery: number;
  /** Checked at each record; true ends the run there (deterministic early stop). */
  stopWhen?: (record: GrokkingRecord) => boolean;
}

/**
 * Defaults of a grokking run (this project's calibrated setup, smaller than the paper's p = 113):
 * p 41, width 96, train fraction 0.8, 1000 steps, AdamW lr 0.01, β (0.9, 0.99), ε 1e-25, no
 * weight decay, softmax loss in f32, seed 0.
 */
export const GROKKING_DEFAULTS: Readonly<Omit<GrokkingConfig, "stopWhen">> = Object.freeze({
  p: 41,
  width: 96,
  trainFraction: 0.8,
  steps: 1000,
  lr: 0.01,
  beta1: 0.9,
  beta2: 0.99,
  eps: 1e-25,
  weightDecay: 0,
  perpGrad: false,
  loss: "softmax",
  lossDtype: "f32",
  modelDtype: "f32",
  seed: 0,
  recordsPerDecade: 40,
  recordEvery: 0,
});

const DTYPES: readonly Dtype[] = ["f64", "f32", "bf16", "f16"];

/** Fill defaults and check every field; StableMax defaults to the paper's float64 loss. */
export function resolveConfig(partial: Partial<GrokkingConfig>): GrokkingConfig {
  const lossDtype =
    partial.lossDtype ?? (partial.loss === "stablemax" ? "f64" : GROKKING_DEFAULTS.lossDtype);
  const c: GrokkingConfig = { ...GROKKING_DEFAULTS, ...partial, lossDtype };
  const positiveInt = (field: "p" | "width" | "recordsPerDecade", min: number) => {
    if (!Number.isInteger(c[field]) || c[field] < min)
      throw new GrokkingError(`config.${field}`, `${field} = ${c[field]}`, `an integer ≥ ${min}`);
  };
  positiveInt("p", 2);
  positiveInt("width", 1);
  positiveInt("recordsPerDecade", 1);
  if (!Number.isInteger(c.steps) || c.steps < 0)
    throw new GrokkingError("config.steps", `steps = ${c.steps}`, "an integer ≥ 0");
  if (!Number.isInteger(c.recordEvery) || c.recordEvery < 0)
    throw new GrokkingError(
      "config.recordEvery",
      `recordEvery = ${c.recordEvery}`,
      "an integer ≥ 0",
    );
  if (!(c.trainFraction > 0 && c.trainFraction < 1))
    throw new GrokkingError(
      "config.trainFraction",
      `trainFraction = ${c.trainFraction}`,
      "a number in (0, 1)",
    );
  if (!(c.lr > 0)) throw new GrokkingError("config.lr", `lr = ${c.lr}`, "a positive number");
  for (const f of ["beta1", "beta2"] as const)
    if (!(c[f] >= 0 && c[f] < 1))
      throw new GrokkingError(`config.${f}`, `${f} = ${c[f]}`, "a number in [0, 1)");
  if (!(c.eps >= 0)) throw new GrokkingError("config.eps", `eps = ${c.eps}`, "a number ≥ 0");
  if (!(c.weightDecay >= 0))
    throw new GrokkingError("config.weightDecay", `weightDecay = ${c.weightDecay}`, "a number ≥ 0");
  if (c.loss !== "softmax" && c.loss !== "stablemax")
    throw new GrokkingError("config.loss", `loss = ${String(c.loss)}`, `"softmax" or "stablemax"`);
  for (const f of ["lossDtype", "modelDtype"] as const)
    if (!DTYPES.includes(c[f]))
      throw new GrokkingError(
        `config.${f}`,
        `${f} = ${String(c[f])}`,
        DTYPES.map((d) => `"${d}"`).join(", "),
      );
  return c;
}
