// Read-only measurements a training loop reports (no graph): accuracy, norms, and the cosine
// between the gradient and the weights (Prieto et al. 2025, §4: after overfitting the update
// aligns with the "naive loss minimisation" direction, i.e. with the weights themselves).
import { argmax } from "./reduce.ts";
import type { Indices } from "./gather.ts";
import type { Tensor } from "./tensor.ts";

/** Share of rows of `logits` [N, C] whose argmax equals the target. */
export function accuracy(logits: Tensor, targets: Indices): number {
  const pred = argmax(logits);
  let hit = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === targets[i]) hit++;
  return pred.length === 0 ? 0 : hit / pred.length;
}

/** Share of entries exactly equal to 0 (e.g. per-sample losses under Softmax Collapse). */
export function zeroShare(t: Tensor): number {
  let z = 0;
  for (let i = 0; i < t.size; i++) if (t.data[i] === 0) z++;
  return t.size === 0 ? 0 : z / t.size;
}

/** Euclidean norm of all elements, in f64. */
export function norm(t: Tensor): number {
  let s = 0;
  for (let i = 0; i < t.size; i++) s += t.data[i]! * t.data[i]!;
  return Math.sqrt(s);
}

/** Global L2 norm of the gradients of `params` (missing gradients count as 0). */
export function gradNorm(params: readonly Tensor[]): number {
  let s = 0;
  for (const p of params)
    if (p.grad !== null) for (let i = 0; i < p.size; i++) s += p.grad[i]! * p.grad[i]!;
  return Math.sqrt(s);
}

/** cos(g, w) over the concatenation of all parameters and their gradients, in f64. */
export function gradWeightCosine(params: readonly Tensor[]): number {
  let dot = 0;
  let gg = 0;
  let ww = 0;
  for (const p of params) {
    const g = p.grad;
    for (let i = 0; i < p.size; i++) {
      const w = p.data[i]!;
      const gi = g === null ? 0 : g[i]!;
      dot += gi * w;
      gg += gi * gi;
      ww += w * w;
    }
  }
  return gg === 0 || ww === 0 ? 0 : dot / Math.sqrt(gg * ww);
}
