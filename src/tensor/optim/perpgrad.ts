// ⊥Grad (Prieto et al. 2025, §5; "OrthoGrad" in their code): remove from each parameter's
// gradient its projection on that parameter, g⊥ = g − (w·g / w·w) w, and rescale g⊥ back to
// ‖g‖, so the optimiser cannot grow the weights along themselves (naive loss minimisation).
// Dot products in f64; the 1e-30 guards are the reference implementation's.
import type { Tensor } from "../tensor.ts";

/**
 * ⊥Grad (Prieto et al. 2025, §5): replaces the parameter's gradient in place by its component
 * orthogonal to the weights, rescaled to the original gradient's norm. No-op without a gradient.
 */
export function projectOutWeights(p: Tensor): void {
  const g = p.grad;
  if (g === null) return;
  const w = p.data;
  let wg = 0;
  let ww = 0;
  let gg = 0;
  for (let i = 0; i < w.length; i++) {
    wg += w[i]! * g[i]!;
    ww += w[i]! * w[i]!;
    gg += g[i]! * g[i]!;
  }
  const c = wg / (ww + 1e-30);
  const perp = new Float64Array(w.length);
  let pp = 0;
  for (let i = 0; i < w.length; i++) {
    perp[i] = g[i]! - c * w[i]!;
    pp += perp[i]! * perp[i]!;
  }
  const scale = Math.sqrt(gg) / (Math.sqrt(pp) + 1e-30);
  for (let i = 0; i < w.length; i++) g[i] = perp[i]! * scale;
}
