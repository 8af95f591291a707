// Gradient clipping by global norm, as torch.nn.utils.clip_grad_norm_: when ‖g‖₂ over all
// parameters exceeds maxNorm, every gradient is scaled by maxNorm/‖g‖₂ (one direction kept).
// The standard guard of large-model training (Wortsman et al. 2023 §2.1 clip at norm 1).
import { isHalf, roundInPlace } from "../dtype.ts";
import { TensorError } from "../error.ts";
import { gradNorm } from "../stats.ts";
import type { Tensor } from "../tensor.ts";

/** Scale the gradients of `params` in place to a global norm ≤ maxNorm; returns the norm before. */
export function clipGradNorm(params: readonly Tensor[], maxNorm: number): number {
  if (!(maxNorm > 0))
    throw new TensorError("clipGradNorm", `maxNorm ${maxNorm}`, "a positive number");
  const total = gradNorm(params);
  if (!(total > maxNorm)) return total; // also leaves NaN gradients for the caller to see
  const scale = maxNorm / total;
  for (const p of params) {
    const g = p.grad;
    if (g === null) continue;
    for (let i = 0; i < g.length; i++) g[i] *= scale;
    if (isHalf(p.dtype)) roundInPlace(g, p.dtype);
  }
  return total;
}
