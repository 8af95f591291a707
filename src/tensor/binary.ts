// Broadcasting binary ops (add, sub, mul, div). Every layout — equal shapes, a scalar, a bias
// row, a keepDims statistic — is handled as rows of the output's last axis, with one offset per
// row into each operand and a step of 0 or 1 along the row; the loops are written out per op
// (no per-element callbacks) because they sit on every model's hot path. Each result is the
// f64 result rounded once to the output dtype: the correctly rounded f32 value for + − × ÷.
import { allocate, promote, type Dtype, type Storage } from "./dtype.ts";
import { broadcastRows, broadcastShapes, sameShape, sizeOf } from "./shape.ts";
import { Tensor, type Operand } from "./tensor.ts";

type BinaryOp = "add" | "sub" | "mul" | "div";

/** A number operand takes the dtype of the tensor it meets (PyTorch's weak scalars). */
export function scalar(value: number, dtype: Dtype): Tensor {
  const d = allocate(dtype, 1);
  d[0] = value;
  return Tensor.fromOp(d, [], dtype, "scalar", []);
}

interface Rows {
  shape: readonly number[];
  rows: number;
  D: number;
  ra: Int32Array;
  sa: number;
  rb: Int32Array;
  sb: number;
}

const ZERO = new Int32Array(1);

function rowsOf(a: Tensor, b: Tensor, name: string): Rows {
  if (sameShape(a.shape, b.shape))
    return { shape: a.shape, rows: 1, D: a.size, ra: ZERO, sa: 1, rb: ZERO, sb: 1 };
  const shape = broadcastShapes(a.shape, b.shape, name);
  const D = shape[shape.length - 1]!;
  const rows = D === 0 ? 0 : sizeOf(shape) / D;
  const A = broadcastRows(a.shape, shape);
  const B = broadcastRows(b.shape, shape);
  return { shape, rows, D, ra: A.offsets, sa: A.step, rb: B.offsets, sb: B.step };
}

function forward(op: BinaryOp, x: Storage, y: Storage, out: Storage, L: Rows): void {
  const { rows, D, ra, sa, rb, sb } = L;
  for (let r = 0; r < rows; r++) {
    const oa = ra[r]!;
    const ob = rb[r]!;
    const base = r * D;
    switch (op) {
      case "add":
        for (let j = 0; j < D; j++) out[base + j] = x[oa + j * sa]! + y[ob + j * sb]!;
        break;
      case "sub":
        for (let j = 0; j < D; j++) out[base + j] = x[oa + j * sa]! - y[ob + j * sb]!;
        break;
      case "mul":
        for (let j = 0; j < D; j++) out[base + j] = x[oa + j * sa]! * y[ob + j * sb]!;
        break;
      case "div":
        for (let j = 0; j < D; j++) out[base + j] = x[oa + j * sa]! / y[ob + j * sb]!;
        break;
    }
  }
}

/**
 * Gradient of the left (side "a") or right operand, summed over broadcast positions:
 * add: g, g · sub: g, −g · mul: g·y, g·x · div: g/y, −g·out/y.
 */
function backward(
  op: BinaryOp,
  side: "a" | "b",
  x: Storage,
  y: Storage,
  o: Storage,
  g: Storage,
  L: Rows,
  into: Storage,
): void {
  const { rows, D, ra, sa, rb, sb } = L;
  const [own, step] = side === "a" ? [ra, sa] : [rb, sb];
  for (let r = 0; r < rows; r++) {
    const oa = ra[r]!;
    const ob = rb[r]!;
    const base = r * D;
    const t = own[r]!;
    if (op === "add" || (op === "sub" && side === "a"))
      for (let j = 0; j < D; j++) into[t + j * step] += g[base + j]!;
    else if (op === "sub") for (let j = 0; j < D; j++) into[t + j * step] -= g[base + j]!;
    else if (op === "mul" && side === "a")
      for (let j = 0; j < D; j++) into[t + j * step] += g[base + j]! * y[ob + j * sb]!;
    else if (op === "mul")
      for (let j = 0; j < D; j++) into[t + j * step] += g[base + j]! * x[oa + j * sa]!;
    else if (side === "a")
      for (let j = 0; j < D; j++) into[t + j * step] += g[base + j]! / y[ob + j * sb]!;
    else
      for (let j = 0; j < D; j++)
        into[t + j * step] -= (g[base + j]! * o[base + j]!) / y[ob + j * sb]!;
  }
}

function binary(op: BinaryOp, a: Operand, b: Operand): Tensor {
  const ta = typeof a === "number" ? scalar(a, (b as Tensor).dtype) : a;
  const tb = typeof b === "number" ? scalar(b, ta.dtype) : b;
  const dtype = promote(ta.dtype, tb.dtype);
  const L = rowsOf(ta, tb, op);
  const out = allocate(dtype, L.rows * L.D);
  forward(op, ta.data, tb.data, out, L);
  const res = Tensor.fromOp(out, L.shape, dtype, op, [ta, tb]);
  if (res.requiresGrad)
    res.backwardFn = (g) => {
      for (const [t, side] of [
        [ta, "a"],
        [tb, "b"],
      ] as const) {
        if (!t.requiresGrad) continue;
        // An operand as large as the result, of its dtype, was neither broadcast nor promoted:
        // for + (and − on the left) its gradient is g itself, not a sum into a zeroed buffer.
        if (
          t.size === g.length &&
          t.dtype === dtype &&
          (op === "add" || (op === "sub" && side === "a"))
        ) {
          t.accumulateGrad(g);
          continue;
        }
        const into = allocate(t.dtype, t.size); // accumulates in the operand's own dtype
        backward(op, side, ta.data, tb.data, res.data, g, L, into);
        t.accumulateGrad(into, true);
      }
    };
  return res;
}

/**
 * Elementwise a + b with NumPy broadcasting; a number takes the tensor's dtype, mixed dtypes
 * promote (f64 > f32 > bf16/f16). Differentiable. Throws TensorError when shapes do not broadcast.
 * @example
 * const y = add(tensor([[1, 2], [3, 4]]), tensor([10, 20])); // [[11, 22], [13, 24]]
 */
export const add = (a: Operand, b: Operand): Tensor => binary("add", a, b);
/** Elementwise a − b with broadcasting and dtype promotion, as {@link add}. Throws TensorError when shapes do not broadcast. */
export const sub = (a: Operand, b: Operand): Tensor => binary("sub", a, b);
/** Elementwise a · b with broadcasting and dtype promotion, as {@link add}. Throws TensorError when shapes do not broadcast. */
export const mul = (a: Operand, b: Operand): Tensor => binary("mul", a, b);
/** Elementwise a / b with broadcasting and dtype promotion, as {@link add}. Throws TensorError when shapes do not broadcast. */
export const div = (a: Operand, b: Operand): Tensor => binary("div", a, b);
