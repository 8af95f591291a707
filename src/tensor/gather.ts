// Indexing ops: row gather (embedding lookup), the sum of gathered rows (a one-hot or
// multi-hot input times a weight matrix, done as a gather instead of a dense matmul),
// picking one entry per row (the target log-prob), slicing and concatenation.
import { allocate, type Dtype } from "./dtype.ts";
import { TensorError } from "./error.ts";
import { axisSplit, normAxis } from "./shape.ts";
import { Tensor } from "./tensor.ts";

export type Indices = Int32Array | readonly number[];

function checkIndex(idx: Indices, bound: number, where: string): Int32Array {
  const out = idx instanceof Int32Array ? idx : Int32Array.from(idx);
  for (let i = 0; i < out.length; i++)
    if (out[i]! < 0 || out[i]! >= bound)
      throw new TensorError(where, `index ${out[i]} at position ${i}`, `0 ≤ index < ${bound}`);
  return out;
}

/**
 * Σ_j weight[indices[j][i]] for each sample i: the product of a multi-hot input (one active
 * unit per index list) with `weight` [V, D]. With one list this is an embedding lookup.
 */
export function gatherSum(weight: Tensor, indices: readonly Indices[]): Tensor {
  if (weight.rank !== 2)
    throw new TensorError(
      "gatherSum",
      `weight of shape [${weight.shape}]`,
      "a 2-D [rows, dim] weight",
    );
  const [V, D] = weight.shape as [number, number];
  const lists = indices.map((l) => checkIndex(l, V, "gatherSum"));
  const N = lists[0]?.length ?? 0;
  if (lists.some((l) => l.length !== N))
    throw new TensorError("gatherSum", "index lists of different lengths", `all of length ${N}`);
  const w = weight.data;
  const out = allocate(weight.dtype, N * D);
  // Row by row, lists in order: each output row is written while it sits in cache, and the
  // sum is formed in list order (the order of a dense one-hot product's accumulation).
  for (let i = 0; i < N; i++) {
    const dst = i * D;
    const first = lists[0]![i]! * D;
    for (let d = 0; d < D; d++) out[dst + d] = w[first + d]!;
    for (let j = 1; j < lists.length; j++) {
      const src = lists[j]![i]! * D;
      for (let d = 0; d < D; d++) out[dst + d] += w[src + d]!;
    }
  }
  const res = Tensor.fromOp(out, [N, D], weight.dtype, "gatherSum", [weight]);
  if (res.requiresGrad)
    res.backwardFn = (g) => {
      const gw = allocate(weight.dtype, weight.size); // scatter-add, like torch index_add_
      for (let i = 0; i < N; i++) {
        const src = i * D;
        for (const l of lists) {
          const dst = l[i]! * D;
          for (let d = 0; d < D; d++) gw[dst + d] += g[src + d]!;
        }
      }
      weight.accumulateGrad(gw, true);
    };
  return res;
}

/** Rows of `weight` [V, ...] at `indices`: shape [indices.length, ...]. */
export function gather(weight: Tensor, indices: Indices): Tensor {
  if (weight.rank === 2) return gatherSum(weight, [indices]);
  const V = weight.shape[0]!;
  const flat = gatherSum(weight.reshape([V, weight.size / V]), [indices]);
  return flat.reshape([indices.length, ...weight.shape.slice(1)]);
}

/** x[i, targets[i]] for x of shape [N, C]. */
export function pick(x: Tensor, targets: Indices): Tensor {
  if (x.rank !== 2)
    throw new TensorError("pick", `input of shape [${x.shape}]`, "a 2-D [N, C] tensor");
  const [N, C] = x.shape as [number, number];
  const t = checkIndex(targets, C, "pick");
  if (t.length !== N)
    throw new TensorError("pick", `${t.length} targets for ${N} rows`, `${N} targets`);
  const out = allocate(x.dtype, N);
  for (let i = 0; i < N; i++) out[i] = x.data[i * C + t[i]!]!;
  const res = Tensor.fromOp(out, [N], x.dtype, "pick", [x]);
  if (res.requiresGrad)
    res.backwardFn = (g) => {
      const gx = allocate(x.dtype, x.size);
      for (let i = 0; i < N; i++) gx[i * C + t[i]!] = g[i]!;
      x.accumulateGrad(gx, true);
    };
  return res;
}

/** One-hot rows [N, classes] (a constant, not differentiable). */
export function oneHot(indices: Indices, classes: number, dtype: Dtype = "f32"): Tensor {
  const t = checkIndex(indices, classes, "oneHot");
  const out = allocate(dtype, t.length * classes);
  for (let i = 0; i < t.length; i++) out[i * classes + t[i]!] = 1;
  return new Tensor(out, [t.length, classes], dtype);
}

/** x[..., start:end, ...] along `axis`. */
export function slice(x: Tensor, axis: number, start: number, end: number): Tensor {
  const ax = normAxis(axis, x.rank, "slice");
  const [outer, len, inner] = axisSplit(x.shape, ax);
  if (!(0 <= start && start <= end && end <= len))
    throw new TensorError("slice", `range [${start}, ${end})`, `0 ≤ start ≤ end ≤ ${len}`);
  const w = end - start;
  const out = allocate(x.dtype, outer * w * inner);
  for (let o = 0; o < outer; o++)
    out.set(x.data.subarray((o * len + start) * inner, (o * len + end) * inner), o * w * inner);
  const shape = x.shape.map((d, i) => (i === ax ? w : d));
  const res = Tensor.fromOp(out, shape, x.dtype, "slice", [x]);
  if (res.requiresGrad)
    res.backwardFn = (g) => {
      const gx = allocate(x.dtype, x.size);
      for (let o = 0; o < outer; o++)
        gx.set(g.subarray(o * w * inner, (o + 1) * w * inner), (o * len + start) * inner);
      x.accumulateGrad(gx, true);
    };
  return res;
}

/** Concatenate along `axis` (tensors of one dtype, equal other sizes). */
export function concat(xs: readonly Tensor[], axis: number): Tensor {
  const first = xs[0];
  if (first === undefined) throw new TensorError("concat", "no tensors", "at least one");
  const ax = normAxis(axis, first.rank, "concat");
  const parts = xs.map((x) => {
    if (
      x.dtype !== first.dtype ||
      x.rank !== first.rank ||
      x.shape.some((d, i) => i !== ax && d !== first.shape[i])
    )
      throw new TensorError(
        "concat",
        `shape [${x.shape}] ${x.dtype} with [${first.shape}] ${first.dtype}`,
        "same dtype and sizes off the axis",
      );
    return axisSplit(x.shape, ax);
  });
  const [outer, , inner] = parts[0]!;
  const total = parts.reduce((s, p) => s + p[1], 0);
  const out = allocate(first.dtype, outer * total * inner);
  let offset = 0;
  const offsets = parts.map((p) => {
    const o = offset;
    offset += p[1];
    return o;
  });
  xs.forEach((x, j) => {
    const len = parts[j]![1];
    for (let o = 0; o < outer; o++)
      out.set(
        x.data.subarray(o * len * inner, (o + 1) * len * inner),
        (o * total + offsets[j]!) * inner,
      );
  });
  const shape = first.shape.map((d, i) => (i === ax ? total : d));
  const res = Tensor.fromOp(out, shape, first.dtype, "concat", xs);
  if (res.requiresGrad)
    res.backwardFn = (g) =>
      xs.forEach((x, j) => {
        const len = parts[j]![1];
        const gx = allocate(x.dtype, x.size);
        for (let o = 0; o < outer; o++)
          gx.set(
            g.subarray((o * total + offsets[j]!) * inner, (o * total + offsets[j]! + len) * inner),
            o * len * inner,
          );
        x.accumulateGrad(gx, true);
      });
  return res;
}
