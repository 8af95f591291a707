// Broadcasting elementwise ops. Each result is computed in float64 from the (exactly
// representable) inputs and rounded once to the output dtype, which is the correctly rounded
// f32 result for + − × ÷ √ (double rounding is innocuous there: 53 ≥ 2·24 + 2) and
// fround(f(x)) for the transcendental ones. The derivative sits next to each forward.
import { allocate, promote, type Dtype, type Storage } from "./dtype.ts";
import { broadcastIndex, broadcastShapes, sameShape } from "./shape.ts";
import { Tensor, type Operand } from "./tensor.ts";

/** A number operand takes the dtype of the tensor it meets (PyTorch's weak scalars). */
export function scalar(value: number, dtype: Dtype): Tensor {
  const d = allocate(dtype, 1);
  d[0] = value;
  return Tensor.fromOp(d, [], dtype, "scalar", []);
}

type Binary = (x: number, y: number) => number;
type Partial = (x: number, y: number, out: number, g: number) => number;

function binary(name: string, a: Operand, b: Operand, f: Binary, dA: Partial, dB: Partial): Tensor {
  const ta = typeof a === "number" ? scalar(a, (b as Tensor).dtype) : a;
  const tb = typeof b === "number" ? scalar(b, ta.dtype) : b;
  const dtype = promote(ta.dtype, tb.dtype);
  const x = ta.data;
  const y = tb.data;
  if (sameShape(ta.shape, tb.shape)) {
    const out = allocate(dtype, x.length);
    for (let i = 0; i < out.length; i++) out[i] = f(x[i]!, y[i]!);
    const res = Tensor.fromOp(out, ta.shape, dtype, name, [ta, tb]);
    if (res.requiresGrad)
      res.backwardFn = (g) => {
        const o = res.data;
        if (ta.requiresGrad) {
          const ga = allocate(ta.dtype, x.length);
          for (let i = 0; i < ga.length; i++) ga[i] = dA(x[i]!, y[i]!, o[i]!, g[i]!);
          ta.accumulateGrad(ga, true);
        }
        if (tb.requiresGrad) {
          const gb = allocate(tb.dtype, y.length);
          for (let i = 0; i < gb.length; i++) gb[i] = dB(x[i]!, y[i]!, o[i]!, g[i]!);
          tb.accumulateGrad(gb, true);
        }
      };
    return res;
  }
  const shape = broadcastShapes(ta.shape, tb.shape, name);
  if (tb.size === 1 && sameShape(shape, ta.shape))
    return withScalar(name, ta, tb, dtype, f, dA, dB, false);
  if (ta.size === 1 && sameShape(shape, tb.shape))
    return withScalar(name, tb, ta, dtype, (u, v) => f(v, u), dB, dA, true);
  const ia = broadcastIndex(ta.shape, shape);
  const ib = broadcastIndex(tb.shape, shape);
  const out = allocate(dtype, ia.length);
  for (let i = 0; i < out.length; i++) out[i] = f(x[ia[i]!]!, y[ib[i]!]!);
  const res = Tensor.fromOp(out, shape, dtype, name, [ta, tb]);
  if (res.requiresGrad)
    res.backwardFn = (g) => {
      const o = res.data;
      // Summing over broadcast axes accumulates in the operand's own dtype.
      if (ta.requiresGrad) {
        const ga = allocate(ta.dtype, x.length);
        for (let i = 0; i < o.length; i++) ga[ia[i]!] += dA(x[ia[i]!]!, y[ib[i]!]!, o[i]!, g[i]!);
        ta.accumulateGrad(ga, true);
      }
      if (tb.requiresGrad) {
        const gb = allocate(tb.dtype, y.length);
        for (let i = 0; i < o.length; i++) gb[ib[i]!] += dB(x[ia[i]!]!, y[ib[i]!]!, o[i]!, g[i]!);
        tb.accumulateGrad(gb, true);
      }
    };
  return res;
}

/**
 * Tensor ⊕ one-element tensor without index maps. `swapped`: the scalar is the left operand;
 * f and the partials then take (tensor value, scalar value) in that order.
 */
function withScalar(
  name: string,
  t: Tensor,
  c: Tensor,
  dtype: Dtype,
  f: Binary,
  dT: Partial,
  dC: Partial,
  swapped: boolean,
): Tensor {
  const x = t.data;
  const y = c.data[0]!;
  const out = allocate(dtype, x.length);
  for (let i = 0; i < out.length; i++) out[i] = f(x[i]!, y);
  const res = Tensor.fromOp(out, t.shape, dtype, name, swapped ? [c, t] : [t, c]);
  if (res.requiresGrad)
    res.backwardFn = (g) => {
      const o = res.data;
      const pt = swapped
        ? (xi: number, oi: number, gi: number) => dT(y, xi, oi, gi)
        : (xi: number, oi: number, gi: number) => dT(xi, y, oi, gi);
      const pc = swapped
        ? (xi: number, oi: number, gi: number) => dC(y, xi, oi, gi)
        : (xi: number, oi: number, gi: number) => dC(xi, y, oi, gi);
      if (t.requiresGrad) {
        const gt = allocate(t.dtype, x.length);
        for (let i = 0; i < gt.length; i++) gt[i] = pt(x[i]!, o[i]!, g[i]!);
        t.accumulateGrad(gt, true);
      }
      if (c.requiresGrad) {
        const gc = allocate(c.dtype, 1);
        for (let i = 0; i < x.length; i++) gc[0] += pc(x[i]!, o[i]!, g[i]!);
        c.accumulateGrad(gc, true);
      }
    };
  return res;
}

export const add = (a: Operand, b: Operand): Tensor =>
  binary(
    "add",
    a,
    b,
    (x, y) => x + y,
    (_x, _y, _o, g) => g,
    (_x, _y, _o, g) => g,
  );

export const sub = (a: Operand, b: Operand): Tensor =>
  binary(
    "sub",
    a,
    b,
    (x, y) => x - y,
    (_x, _y, _o, g) => g,
    (_x, _y, _o, g) => -g,
  );

export const mul = (a: Operand, b: Operand): Tensor =>
  binary(
    "mul",
    a,
    b,
    (x, y) => x * y,
    (_x, y, _o, g) => g * y,
    (x, _y, _o, g) => g * x,
  );

export const div = (a: Operand, b: Operand): Tensor =>
  binary(
    "div",
    a,
    b,
    (x, y) => x / y,
    (_x, y, _o, g) => g / y,
    (_x, y, o, g) => (-g * o) / y,
  );

type Unary = (x: number) => number;
type UnaryPartial = (x: number, out: number) => number;

function unary(name: string, a: Tensor, f: Unary, df: UnaryPartial): Tensor {
  const x = a.data;
  const out = allocate(a.dtype, x.length);
  for (let i = 0; i < out.length; i++) out[i] = f(x[i]!);
  const res = Tensor.fromOp(out, a.shape, a.dtype, name, [a]);
  if (res.requiresGrad)
    res.backwardFn = (g: Storage) => {
      const o = res.data;
      const ga = allocate(a.dtype, x.length);
      for (let i = 0; i < ga.length; i++) ga[i] = g[i]! * df(x[i]!, o[i]!);
      a.accumulateGrad(ga, true);
    };
  return res;
}

export const neg = (a: Tensor): Tensor =>
  unary(
    "neg",
    a,
    (x) => -x,
    () => -1,
  );
export const exp = (a: Tensor): Tensor => unary("exp", a, Math.exp, (_x, o) => o);
export const log = (a: Tensor): Tensor => unary("log", a, Math.log, (x) => 1 / x);
export const tanh = (a: Tensor): Tensor => unary("tanh", a, Math.tanh, (_x, o) => 1 - o * o);
export const sqrt = (a: Tensor): Tensor => unary("sqrt", a, Math.sqrt, (_x, o) => 0.5 / o);
export const pow = (a: Tensor, p: number): Tensor =>
  unary(
    "pow",
    a,
    (x) => x ** p,
    (x) => (p === 0 ? 0 : p * x ** (p - 1)),
  );

/** ReLU with a hand-unrolled loop: it sits on the hot path of every MLP step. */
export function relu(a: Tensor): Tensor {
  const x = a.data;
  const out = allocate(a.dtype, x.length);
  for (let i = 0; i < out.length; i++) {
    const v = x[i]!;
    out[i] = v > 0 ? v : 0;
  }
  const res = Tensor.fromOp(out, a.shape, a.dtype, "relu", [a]);
  if (res.requiresGrad)
    res.backwardFn = (g) => {
      const ga = allocate(a.dtype, x.length);
      for (let i = 0; i < ga.length; i++) ga[i] = x[i]! > 0 ? g[i]! : 0;
      a.accumulateGrad(ga, true);
    };
  return res;
}

// GELU, tanh approximation (Hendrycks & Gimpel 2016, eq. after §2; PyTorch approximate="tanh",
// as in GPT-2): the exact erf form needs an erf that JS lacks.
const GELU_C = Math.sqrt(2 / Math.PI);
export const gelu = (a: Tensor): Tensor =>
  unary(
    "gelu",
    a,
    (x) => 0.5 * x * (1 + Math.tanh(GELU_C * (x + 0.044715 * x * x * x))),
    (x) => {
      const t = Math.tanh(GELU_C * (x + 0.044715 * x * x * x));
      return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_C * (1 + 3 * 0.044715 * x * x);
    },
  );
