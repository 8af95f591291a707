// Shapes, strides and NumPy broadcasting rules (numpy.org "Broadcasting": align trailing
// axes; a size-1 axis stretches). Pure helpers shared by the ops.
import { TensorError } from "./error.ts";

export type Shape = readonly number[];

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function stridesOf(shape: Shape): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i]!;
  }
  return s;
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function broadcastShapes(a: Shape, b: Shape, where: string): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1)
      throw new TensorError(
        where,
        `shapes [${a}] and [${b}] do not broadcast`,
        "equal trailing axes or 1",
      );
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** For each flat index of `out`, the flat index into a tensor of `shape` broadcast to it. */
export function broadcastIndex(shape: Shape, out: Shape): Int32Array {
  const n = sizeOf(out);
  const idx = new Int32Array(n);
  const strides = stridesOf(shape);
  const offset = out.length - shape.length;
  const eff = out.map((_, i) => {
    const d = shape[i - offset];
    return d === undefined || d === 1 ? 0 : strides[i - offset]!;
  });
  const counter = new Array<number>(out.length).fill(0);
  let flat = 0;
  for (let i = 0; i < n; i++) {
    idx[i] = flat;
    for (let ax = out.length - 1; ax >= 0; ax--) {
      counter[ax]!++;
      flat += eff[ax]!;
      if (counter[ax]! < out[ax]!) break;
      flat -= eff[ax]! * out[ax]!;
      counter[ax] = 0;
    }
  }
  return idx;
}

export function normAxis(axis: number, rank: number, where: string): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank)
    throw new TensorError(
      where,
      `axis ${axis} out of range for rank ${rank}`,
      `-${rank} ≤ axis < ${rank}`,
    );
  return a;
}

/** Split a shape around `axis` into (outer, length, inner) for axis-wise loops. */
export function axisSplit(shape: Shape, axis: number): [number, number, number] {
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i]!;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i]!;
  return [outer, shape[axis]!, inner];
}

/**
 * Row-wise broadcasting: for each row of `out` (all axes but the last), the offset of that row
 * in a tensor of `shape`, and the step along the last axis (0 when that axis is broadcast).
 * Cheaper than a per-element index map: one offset per row.
 */
export function broadcastRows(shape: Shape, out: Shape): { offsets: Int32Array; step: number } {
  const rank = out.length;
  const padded = [...new Array<number>(rank - shape.length).fill(1), ...shape];
  const last = padded[rank - 1]!;
  const rowIndex = broadcastIndex(padded.slice(0, -1), out.slice(0, -1));
  for (let r = 0; r < rowIndex.length; r++) rowIndex[r] = rowIndex[r]! * last;
  return { offsets: rowIndex, step: last === 1 ? 0 : 1 };
}
