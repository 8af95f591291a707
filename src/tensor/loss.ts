// Cross-entropy from logits: −log p(target), with p from softmax (the standard) or StableMax
// (Prieto et al. 2025). Per-sample losses (`reduction: "none"`) expose the share of samples
// whose loss is exactly 0 — the signature of Softmax Collapse.
import { type Indices, pick } from "./gather.ts";
import { logSoftmax } from "./softmax.ts";
import { logStablemax } from "./stablemax.ts";
import type { Tensor } from "./tensor.ts";

export interface CrossEntropyOptions {
  /** Normaliser of the probabilities: "softmax" (default) or "stablemax". */
  kind?: "softmax" | "stablemax";
  reduction?: "mean" | "sum" | "none";
}

/** Negative log-likelihood of log-probabilities [N, C] at integer targets. */
export function nllLoss(logProbs: Tensor, targets: Indices, reduction: "mean" | "sum" | "none" = "mean"): Tensor {
  const losses = pick(logProbs, targets).neg();
  return reduction === "none" ? losses : reduction === "sum" ? losses.sum() : losses.mean();
}

export function crossEntropy(logits: Tensor, targets: Indices, options: CrossEntropyOptions = {}): Tensor {
  const logProbs = options.kind === "stablemax" ? logStablemax(logits, -1) : logSoftmax(logits, -1);
  return nllLoss(logProbs, targets, options.reduction ?? "mean");
}
