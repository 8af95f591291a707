// Reductions over one axis (or all elements). Below f64, sums accumulate in float32 in index
// order, each partial sum rounded (as float32 kernels accumulate), then the result is rounded
// to the dtype; f64 accumulates in f64. Backward broadcasts the gradient back along the axis.
import { allocate, rounder, type Storage } from "./dtype.ts";
import { axisSplit, normAxis } from "./shape.ts";
import { Tensor } from "./tensor.ts";

interface Layout {
  outer: number;
  len: number;
  inner: number;
  shape: number[];
}

function layoutOf(a: Tensor, axis: number | undefined, keepDims: boolean, where: string): Layout {
  if (axis === undefined)
    return { outer: 1, len: a.size, inner: 1, shape: keepDims ? a.shape.map(() => 1) : [] };
  const ax = normAxis(axis, a.rank, where);
  const [outer, len, inner] = axisSplit(a.shape, ax);
  const shape = keepDims
    ? a.shape.map((d, i) => (i === ax ? 1 : d))
    : a.shape.filter((_, i) => i !== ax);
  return { outer, len, inner, shape };
}

/** Broadcast a reduced gradient back over the reduced axis, scaled elementwise by `weight`. */
function spread(
  L: Layout,
  g: Storage,
  into: Storage,
  weight?: (flat: number, o: number) => number,
): void {
  for (let o = 0; o < L.outer; o++)
    for (let k = 0; k < L.len; k++)
      for (let i = 0; i < L.inner; i++) {
        const flat = (o * L.len + k) * L.inner + i;
        const gi = g[o * L.inner + i]!;
        into[flat] = weight === undefined ? gi : gi * weight(flat, o * L.inner + i);
      }
}

/**
 * Sum along `axis` (all elements when omitted; negative axes count from the end), keeping the axis
 * as size 1 with `keepDims`. Below f64, accumulates in float32 in index order. Differentiable.
 */
export function sum(a: Tensor, axis?: number, keepDims = false): Tensor {
  const L = layoutOf(a, axis, keepDims, "sum");
  const x = a.data;
  const out = allocate(a.dtype, L.outer * L.inner);
  const f64 = a.dtype === "f64";
  for (let o = 0; o < L.outer; o++)
    for (let i = 0; i < L.inner; i++) {
      let acc = 0;
      let p = o * L.len * L.inner + i;
      if (f64) for (let k = 0; k < L.len; k++, p += L.inner) acc += x[p]!;
      else for (let k = 0; k < L.len; k++, p += L.inner) acc = Math.fround(acc + x[p]!);
      out[o * L.inner + i] = acc;
    }
  const res = Tensor.fromOp(out, L.shape, a.dtype, "sum", [a]);
  if (res.requiresGrad)
    res.backwardFn = (g) => {
      const ga = allocate(a.dtype, a.size);
      spread(L, g, ga);
      a.accumulateGrad(ga, true);
    };
  return res;
}

/** Mean along `axis` (all elements when omitted), as {@link sum} divided by the count. Differentiable. */
export function mean(a: Tensor, axis?: number, keepDims = false): Tensor {
  const n = axis === undefined ? a.size : a.shape[normAxis(axis, a.rank, "mean")]!;
  return sum(a, axis, keepDims).div(n);
}

/** Maximum along an axis; the gradient flows to the first maximal element. */
export function max(a: Tensor, axis?: number, keepDims = false): Tensor {
  const L = layoutOf(a, axis, keepDims, "max");
  const x = a.data;
  const out = allocate(a.dtype, L.outer * L.inner);
  const arg = new Int32Array(out.length);
  for (let o = 0; o < L.outer; o++)
    for (let i = 0; i < L.inner; i++) {
      const base = o * L.len * L.inner + i;
      let best = -Infinity;
      let bestK = 0;
      for (let k = 0; k < L.len; k++) {
        const v = x[base + k * L.inner]!;
        if (v > best || v !== v) {
          best = v;
          bestK = k;
          if (v !== v) break;
        }
      }
      out[o * L.inner + i] = best;
      arg[o * L.inner + i] = base + bestK * L.inner;
    }
  const res = Tensor.fromOp(out, L.shape, a.dtype, "max", [a]);
  if (res.requiresGrad)
    res.backwardFn = (g) => {
      const ga = allocate(a.dtype, a.size);
      for (let j = 0; j < arg.length; j++) ga[arg[j]!] = g[j]!;
      a.accumulateGrad(ga, true);
    };
  return res;
}

/** log Σ exp(x) along an axis, max-subtracted; its gradient is the softmax. */
export function logsumexp(a: Tensor, axis = -1, keepDims = false): Tensor {
  const L = layoutOf(a, axis, keepDims, "logsumexp");
  const r = rounder(a.dtype);
  const x = a.data;
  const out = allocate(a.dtype, L.outer * L.inner);
  const f64 = a.dtype === "f64";
  for (let o = 0; o < L.outer; o++)
    for (let i = 0; i < L.inner; i++) {
      const base = o * L.len * L.inner + i;
      let m = -Infinity;
      for (let k = 0; k < L.len; k++) m = Math.max(m, x[base + k * L.inner]!);
      if (m === -Infinity || m === Infinity) {
        out[o * L.inner + i] = m;
        continue;
      }
      let s = 0;
      for (let k = 0; k < L.len; k++) {
        const e = r(Math.exp(r(x[base + k * L.inner]! - m)));
        s = f64 ? s + e : Math.fround(s + e);
      }
      out[o * L.inner + i] = m + r(Math.log(r(s)));
    }
  const res = Tensor.fromOp(out, L.shape, a.dtype, "logsumexp", [a]);
  if (res.requiresGrad)
    res.backwardFn = (g) => {
      const ga = allocate(a.dtype, a.size);
      const o = res.data;
      spread(L, g, ga, (flat, r) => Math.exp(x[flat]! - o[r]!));
      a.accumulateGrad(ga, true);
    };
  return res;
}

/** Index of the maximum along the last axis, per row (not differentiable). */
export function argmax(a: Tensor): Int32Array {
  const n = a.shape[a.rank - 1] ?? 1;
  const rows = a.size / n;
  const out = new Int32Array(rows);
  const x = a.data;
  for (let r = 0; r < rows; r++) {
    let best = -Infinity;
    let bestK = 0;
    for (let k = 0; k < n; k++) {
      const v = x[r * n + k]!;
      if (v > best) {
        best = v;
        bestK = k;
      }
    }
    out[r] = bestK;
  }
  return out;
}
