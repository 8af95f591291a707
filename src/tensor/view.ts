// Layout ops: reshape (a copy-free relabelling of the same row-major data), permute and
// transpose (materialised copies, so every kernel sees contiguous row-major data). A permute
// that only moves axes of size 1 (one attention head's [B, T, 1, d] → [B, 1, T, d]) leaves
// the row-major order unchanged and is a reshape.
import { allocate } from "./dtype.ts";
import { TensorError } from "./error.ts";
import { normAxis, sizeOf, stridesOf } from "./shape.ts";
import { Tensor } from "./tensor.ts";

/**
 * The same data under a new shape (no copy); one axis may be −1 (inferred). Differentiable.
 * Throws TensorError when the sizes do not match.
 */
export function reshape(a: Tensor, shape: readonly number[]): Tensor {
  const free = shape.indexOf(-1);
  let target = [...shape];
  if (free >= 0) {
    const known = sizeOf(shape.filter((d) => d !== -1));
    target[free] = a.size / known;
  }
  if (sizeOf(target) !== a.size || target.some((d) => !Number.isInteger(d) || d < 0))
    throw new TensorError(
      "reshape",
      `cannot reshape [${a.shape}] to [${shape}]`,
      `a shape with ${a.size} elements`,
    );
  const res = Tensor.fromOp(a.data, target, a.dtype, "reshape", [a]);
  if (res.requiresGrad) res.backwardFn = (g) => a.accumulateGrad(g);
  return res;
}

function permuteData(
  data: Float64Array | Float32Array,
  shape: readonly number[],
  axes: readonly number[],
  out: Float64Array | Float32Array,
): void {
  const rank = shape.length;
  if (out.length === 0) return;
  if (rank === 0) {
    out[0] = data[0]!;
    return;
  }
  const inStrides = stridesOf(shape);
  const outShape = axes.map((ax) => shape[ax]!);
  const srcStride = axes.map((ax) => inStrides[ax]!);
  // The last output axis is copied as one strided run; an odometer walks the axes before it.
  const n = outShape[rank - 1]!;
  const step = srcStride[rank - 1]!;
  const counter = new Array<number>(rank).fill(0);
  let src = 0;
  for (let i = 0; i < out.length; i += n) {
    for (let j = 0; j < n; j++) out[i + j] = data[src + j * step]!;
    for (let d = rank - 2; d >= 0; d--) {
      counter[d]!++;
      src += srcStride[d]!;
      if (counter[d]! < outShape[d]!) break;
      src -= srcStride[d]! * outShape[d]!;
      counter[d] = 0;
    }
  }
}

/**
 * Reorders the axes (`axes[i]` is the source axis of output axis i), copying the data. Differentiable.
 * Throws TensorError unless `axes` is a permutation of all axes.
 */
export function permute(a: Tensor, axes: readonly number[]): Tensor {
  const ax = axes.map((x) => normAxis(x, a.rank, "permute"));
  if (ax.length !== a.rank || new Set(ax).size !== a.rank)
    throw new TensorError(
      "permute",
      `axes [${axes}] for rank ${a.rank}`,
      "a permutation of all axes",
    );
  const moved = ax.filter((i) => a.shape[i]! !== 1);
  if (moved.every((from, k) => k === 0 || moved[k - 1]! < from))
    return reshape(
      a,
      ax.map((i) => a.shape[i]!),
    );
  const out = allocate(a.dtype, a.size);
  permuteData(a.data, a.shape, ax, out);
  const res = Tensor.fromOp(
    out,
    ax.map((i) => a.shape[i]!),
    a.dtype,
    "permute",
    [a],
  );
  if (res.requiresGrad)
    res.backwardFn = (g) => {
      const inverse = new Array<number>(ax.length);
      ax.forEach((from, to) => (inverse[from] = to));
      const ga = allocate(a.dtype, a.size);
      permuteData(g, res.shape, inverse, ga);
      a.accumulateGrad(ga, true);
    };
  return res;
}

/** Swaps axes `i` and `j` (default the last two), copying the data. Differentiable. */
export function transpose(a: Tensor, i = -2, j = -1): Tensor {
  const axes = a.shape.map((_, k) => k);
  const ii = normAxis(i, a.rank, "transpose");
  const jj = normAxis(j, a.rank, "transpose");
  axes[ii] = jj;
  axes[jj] = ii;
  return permute(a, axes);
}
