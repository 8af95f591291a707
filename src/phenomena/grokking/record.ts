// What a grokking run reports at a recorded step (the quantities of Prieto et al. 2025,
// Figs. 2–4), and the per-sample measurements behind them: the share of training samples
// whose loss is exactly 0 (Softmax Collapse) and the logit margins that decide it.
import type { Tensor } from "../../tensor/index.ts";

export interface GrokkingRecord {
  /** Optimiser steps taken before this measurement (0 = at initialisation). */
  step: number;
  /** Mean cross-entropy on the training set, in the loss dtype. */
  trainLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
  /** Share of training samples whose loss is exactly 0: p(right class) rounded to 1. */
  zeroLossShare: number;
  /** Mean L2 norm of a training sample's logit vector. */
  logitNorm: number;
  /** L2 norm of all weights. */
  weightNorm: number;
  /** L2 norm of the full-batch gradient (before ⊥Grad, if on). */
  gradNorm: number;
  /** cos(gradient, weights) over all parameters flattened: −1 means the step only scales the weights up (NLM). */
  gradWeightCosine: number;
  /**
   * cos(gradient, weights) of each parameter tensor, in model order [W₁, W₂, W₃] (output layer
   * last): the per-layer quantity Prieto et al. 2025 plot in Fig. 5 ("Cosine Similarity (W, ∇L)").
   */
  layerGradWeightCosines: number[];
  /** Smallest margin z_y − max_{j≠y} z_j among zero-loss training samples (null: none). */
  zeroLossMinMargin: number | null;
  /** Largest margin among training samples with a positive loss (null: none). */
  positiveLossMaxMargin: number | null;
}

export interface SampleStats {
  trainAccuracy: number;
  zeroLossShare: number;
  logitNorm: number;
  zeroLossMinMargin: number | null;
  positiveLossMaxMargin: number | null;
}

/** Per-sample statistics from logits [N, C] (as the loss saw them), labels and per-sample losses. */
export function sampleStats(logits: Tensor, labels: Int32Array, losses: Tensor): SampleStats {
  const [N, C] = logits.shape as [number, number];
  const z = logits.data;
  let hits = 0;
  let zeros = 0;
  let normSum = 0;
  let zeroMin = Infinity;
  let positiveMax = -Infinity;
  for (let i = 0; i < N; i++) {
    const row = i * C;
    const y = labels[i]!;
    let best = -Infinity;
    let arg = -1;
    let other = -Infinity;
    let sq = 0;
    for (let j = 0; j < C; j++) {
      const v = z[row + j]!;
      sq += v * v;
      if (v > best) {
        best = v;
        arg = j;
      }
      if (j !== y && v > other) other = v;
    }
    if (arg === y) hits++;
    normSum += Math.sqrt(sq);
    const margin = z[row + y]! - other;
    if (losses.data[i] === 0) {
      zeros++;
      zeroMin = Math.min(zeroMin, margin);
    } else positiveMax = Math.max(positiveMax, margin);
  }
  return {
    trainAccuracy: N === 0 ? 0 : hits / N,
    zeroLossShare: N === 0 ? 0 : zeros / N,
    logitNorm: N === 0 ? 0 : normSum / N,
    zeroLossMinMargin: zeroMin === Infinity ? null : zeroMin,
    positiveLossMaxMargin: positiveMax === -Infinity ? null : positiveMax,
  };
}
