// Softmax and log-softmax along an axis, max-subtracted like PyTorch's kernels, with every
// intermediate (x − max, exp, the f32-accumulated sum, its log) rounded to the dtype. This is
// where Softmax Collapse happens: once Σ exp(x − max) rounds to 1, the right-class log-prob
// is exactly 0 and so is its gradient (Prieto et al. 2025, §3).
import { allocate, rounder, type Storage } from "./dtype.ts";
import { axisSplit, normAxis } from "./shape.ts";
import { Tensor } from "./tensor.ts";

/** What both passes share: the rows' layout, the dtype's rounding, the output and a row scratch. */
function setup(a: Tensor, axis: number, where: string) {
  const [outer, len, inner] = axisSplit(a.shape, normAxis(axis, a.rank, where));
  return {
    outer,
    len,
    inner,
    r: rounder(a.dtype),
    f64: a.dtype === "f64",
    x: a.data,
    out: allocate(a.dtype, a.size),
    zm: new Float64Array(len),
  };
}

/** Calls `visit(base)` for every row along the axis: its elements are base + k·inner, k < len. */
function forEachRow(
  outer: number,
  len: number,
  inner: number,
  visit: (base: number) => void,
): void {
  for (let o = 0; o < outer; o++) for (let i = 0; i < inner; i++) visit(o * len * inner + i);
}

/** Row-wise: writes x − max into `zm` and returns the rounded Σ exp(x − max). */
function shiftedSum(
  x: Storage,
  base: number,
  len: number,
  inner: number,
  r: (v: number) => number,
  f64: boolean,
  zm: Float64Array,
): number {
  let m = -Infinity;
  for (let k = 0; k < len; k++) m = Math.max(m, x[base + k * inner]!);
  let s = 0;
  for (let k = 0; k < len; k++) {
    const z = r(x[base + k * inner]! - m);
    zm[k] = z;
    const e = r(Math.exp(z));
    s = f64 ? s + e : Math.fround(s + e);
  }
  return r(s);
}

/**
 * log softmax along `axis` (default last), max-subtracted, each intermediate rounded to the dtype
 * — so in low precision a dominant logit gives exactly 0 (Softmax Collapse). Differentiable.
 */
export function logSoftmax(a: Tensor, axis = -1): Tensor {
  const { outer, len, inner, r, f64, x, out, zm } = setup(a, axis, "logSoftmax");
  forEachRow(outer, len, inner, (base) => {
    const ls = r(Math.log(shiftedSum(x, base, len, inner, r, f64, zm)));
    for (let k = 0; k < len; k++) out[base + k * inner] = r(zm[k]! - ls);
  });
  const res = Tensor.fromOp(out, a.shape, a.dtype, "logSoftmax", [a]);
  if (res.requiresGrad)
    res.backwardFn = (g) => {
      // d/dx: g − softmax · Σg, softmax = exp(output) in the dtype
      const y = res.data;
      const ga = allocate(a.dtype, a.size);
      forEachRow(outer, len, inner, (base) => {
        let gs = 0;
        for (let k = 0; k < len; k++)
          gs = f64 ? gs + g[base + k * inner]! : Math.fround(gs + g[base + k * inner]!);
        for (let k = 0; k < len; k++) {
          const p = base + k * inner;
          ga[p] = r(g[p]! - r(r(Math.exp(y[p]!)) * gs));
        }
      });
      a.accumulateGrad(ga, true);
    };
  return res;
}

/** Softmax along `axis` (default last), max-subtracted, each intermediate rounded to the dtype. Differentiable. */
export function softmax(a: Tensor, axis = -1): Tensor {
  const { outer, len, inner, r, f64, x, out, zm } = setup(a, axis, "softmax");
  forEachRow(outer, len, inner, (base) => {
    const s = shiftedSum(x, base, len, inner, r, f64, zm);
    for (let k = 0; k < len; k++) out[base + k * inner] = r(Math.exp(zm[k]!)) / s;
  });
  const res = Tensor.fromOp(out, a.shape, a.dtype, "softmax", [a]);
  if (res.requiresGrad)
    res.backwardFn = (g) => {
      // d/dx: y · (g − Σ g·y)
      const y = res.data;
      const ga = allocate(a.dtype, a.size);
      forEachRow(outer, len, inner, (base) => {
        let dot = 0;
        for (let k = 0; k < len; k++) {
          const p = base + k * inner;
          dot = f64 ? dot + g[p]! * y[p]! : Math.fround(dot + Math.fround(g[p]! * y[p]!));
        }
        for (let k = 0; k < len; k++) {
          const p = base + k * inner;
          ga[p] = r(y[p]! * r(g[p]! - dot));
        }
      });
      a.accumulateGrad(ga, true);
    };
  return res;
}
