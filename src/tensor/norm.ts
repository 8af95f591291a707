// Layer normalisation (Ba, Kiros & Hinton 2016) over the last axis, biased variance as PyTorch,
// as one fused op: each row's mean, variance and 1/σ in float64, each output rounded once to
// the dtype. Composed from sub/mul/div/mean it cost nine broadcast ops and their backwards
// (about a quarter of a transformer step). Backward (x̂ = (x − μ)/σ, ĝ = g·γ):
//   dx = (ĝ − mean(ĝ) − x̂·mean(ĝ·x̂))/σ,  dγ = Σ_rows g·x̂,  dβ = Σ_rows g.
import { allocate, promote, rounder } from "./dtype.ts";
import { TensorError } from "./error.ts";
import { Tensor } from "./tensor.ts";

/**
 * Layer normalisation over the last axis, (x − mean)/√(var + eps)·gamma + beta (eps 1e-5;
 * gamma and beta optional, shape [D]). Differentiable. Throws TensorError for a scalar input or
 * gamma/beta of the wrong shape.
 */
export function layerNorm(x: Tensor, gamma?: Tensor, beta?: Tensor, eps = 1e-5): Tensor {
  if (x.rank < 1)
    throw new TensorError(
      "layerNorm",
      "a scalar input",
      "a tensor of rank ≥ 1 (normalised over its last axis)",
    );
  const D = x.shape[x.rank - 1]!;
  for (const [name, t] of [
    ["gamma", gamma],
    ["beta", beta],
  ] as const)
    if (t !== undefined && (t.rank !== 1 || t.shape[0] !== D))
      throw new TensorError(
        "layerNorm",
        `${name} of shape [${t.shape}]`,
        `shape [${D}], the input's last axis`,
      );
  let dtype = x.dtype;
  if (gamma) dtype = promote(dtype, gamma.dtype);
  if (beta) dtype = promote(dtype, beta.dtype);
  const r = rounder(dtype);
  const rows = D === 0 ? 0 : x.size / D;
  const xs = x.data;
  const gs = gamma?.data;
  const bs = beta?.data;
  const out = allocate(dtype, x.size);
  const mean = new Float64Array(rows);
  const rstd = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const base = i * D;
    let s = 0;
    for (let j = 0; j < D; j++) s += xs[base + j]!;
    const mu = s / D;
    let v = 0;
    for (let j = 0; j < D; j++) {
      const c = xs[base + j]! - mu;
      v += c * c;
    }
    const inv = 1 / Math.sqrt(v / D + eps);
    mean[i] = mu;
    rstd[i] = inv;
    for (let j = 0; j < D; j++) {
      let y = (xs[base + j]! - mu) * inv;
      if (gs) y *= gs[j]!;
      if (bs) y += bs[j]!;
      out[base + j] = r(y);
    }
  }
  const parents = [x, ...(gamma ? [gamma] : []), ...(beta ? [beta] : [])];
  const res = Tensor.fromOp(out, x.shape, dtype, "layerNorm", parents);
  if (res.requiresGrad)
    res.backwardFn = (g) => {
      const gx = x.requiresGrad ? allocate(x.dtype, x.size) : null;
      const gGamma = gamma?.requiresGrad ? new Float64Array(D) : null;
      const gBeta = beta?.requiresGrad ? new Float64Array(D) : null;
      for (let i = 0; i < rows; i++) {
        const base = i * D;
        const mu = mean[i]!;
        const inv = rstd[i]!;
        let s1 = 0;
        let s2 = 0;
        for (let j = 0; j < D; j++) {
          const gj = g[base + j]!;
          const xhat = (xs[base + j]! - mu) * inv;
          const gh = gs ? gj * gs[j]! : gj;
          s1 += gh;
          s2 += gh * xhat;
          if (gGamma) gGamma[j] += gj * xhat;
          if (gBeta) gBeta[j] += gj;
        }
        if (gx) {
          const m1 = s1 / D;
          const m2 = s2 / D;
          for (let j = 0; j < D; j++) {
            const xhat = (xs[base + j]! - mu) * inv;
            const gh = gs ? g[base + j]! * gs[j]! : g[base + j]!;
            gx[base + j] = (gh - m1 - xhat * m2) * inv;
          }
        }
      }
      if (gx) x.accumulateGrad(gx, true);
      if (gamma && gGamma) gamma.accumulateGrad(gGamma);
      if (beta && gBeta) beta.accumulateGrad(gBeta);
    };
  return res;
}
