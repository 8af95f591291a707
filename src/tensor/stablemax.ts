// StableMax (Prieto, Barsbey, Mediano, Birdal 2025, eq. 7): softmax with exp replaced by
// s(x) = x + 1 for x ≥ 0 and 1/(1 − x) for x < 0, normalised. s grows linearly, so the
// right-class probability approaches 1 only polynomially and the gradient stays alive.
// The paper's code adds 1e-30 to 1 − x; for x < 0 that term is below f64 resolution.
import { allocate, rounder } from "./dtype.ts";
import { axisSplit, normAxis } from "./shape.ts";
import { Tensor } from "./tensor.ts";

const s = (x: number): number => (x >= 0 ? x + 1 : 1 / (1 - x));
const ds = (x: number): number => (x >= 0 ? 1 : 1 / ((1 - x) * (1 - x)));

function stable(a: Tensor, axis: number, logOutput: boolean): Tensor {
  const name = logOutput ? "logStablemax" : "stablemax";
  const [outer, len, inner] = axisSplit(a.shape, normAxis(axis, a.rank, name));
  const r = rounder(a.dtype);
  const f64 = a.dtype === "f64";
  const x = a.data;
  const out = allocate(a.dtype, a.size);
  const total = new Float64Array(outer * inner);
  for (let o = 0; o < outer; o++)
    for (let i = 0; i < inner; i++) {
      const base = o * len * inner + i;
      let S = 0;
      for (let k = 0; k < len; k++)
        S = f64 ? S + r(s(x[base + k * inner]!)) : Math.fround(S + r(s(x[base + k * inner]!)));
      S = r(S);
      total[o * inner + i] = S;
      const logS = r(Math.log(S));
      for (let k = 0; k < len; k++) {
        const sk = r(s(x[base + k * inner]!));
        out[base + k * inner] = logOutput ? r(r(Math.log(sk)) - logS) : sk / S;
      }
    }
  const res = Tensor.fromOp(out, a.shape, a.dtype, name, [a]);
  if (res.requiresGrad)
    res.backwardFn = (g) => {
      // out_j = log s_j − log S ⇒ ∂out_j/∂x_i = δ_ij s'_i/s_i − s'_i/S;
      // out_j = s_j / S       ⇒ ∂out_j/∂x_i = δ_ij s'_i/S − s_j s'_i/S².
      const ga = allocate(a.dtype, a.size);
      for (let o = 0; o < outer; o++)
        for (let i = 0; i < inner; i++) {
          const base = o * len * inner + i;
          const S = total[o * inner + i]!;
          let gsum = 0;
          for (let k = 0; k < len; k++) {
            const p = base + k * inner;
            gsum += logOutput ? g[p]! : g[p]! * s(x[p]!);
          }
          for (let k = 0; k < len; k++) {
            const p = base + k * inner;
            const xi = x[p]!;
            ga[p] = logOutput
              ? r(g[p]! * (ds(xi) / s(xi)) - (ds(xi) / S) * gsum)
              : r((ds(xi) / S) * (g[p]! - gsum / S));
          }
        }
      a.accumulateGrad(ga, true);
    };
  return res;
}

/**
 * StableMax along `axis` (Prieto et al. 2025, eq. 7): softmax with exp replaced by s(x) = x + 1
 * (x ≥ 0) or 1/(1 − x) (x < 0), normalised. Differentiable.
 */
export const stablemax = (a: Tensor, axis = -1): Tensor => stable(a, axis, false);
/** log StableMax along `axis` (Prieto et al. 2025, eq. 7), the log-probabilities of {@link stablemax}. Differentiable. */
export const logStablemax = (a: Tensor, axis = -1): Tensor => stable(a, axis, true);
