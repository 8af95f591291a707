// Elementwise ops (the broadcasting binary ones live in binary.ts). Each result is computed in
// float64 from the (exactly representable) inputs and rounded once to the output dtype: the
// correctly rounded f32 result for √ (double rounding is innocuous: 53 ≥ 2·24 + 2) and
// fround(f(x)) for the transcendental ones. The derivative sits next to each forward.
import { allocate, type Storage } from "./dtype.ts";
import { Tensor } from "./tensor.ts";

export { add, sub, mul, div, scalar } from "./binary.ts";

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

/** Elementwise −x. Differentiable. */
export const neg = (a: Tensor): Tensor =>
  unary(
    "neg",
    a,
    (x) => -x,
    () => -1,
  );
/** Elementwise eˣ, computed in f64 and rounded once to the dtype. Differentiable. */
export const exp = (a: Tensor): Tensor => unary("exp", a, Math.exp, (_x, o) => o);
/** Elementwise natural log (−Infinity at 0, NaN below), rounded once to the dtype. Differentiable. */
export const log = (a: Tensor): Tensor => unary("log", a, Math.log, (x) => 1 / x);
/** Elementwise √x, correctly rounded to the dtype. Differentiable. */
export const sqrt = (a: Tensor): Tensor => unary("sqrt", a, Math.sqrt, (_x, o) => 0.5 / o);
/** Elementwise xᵖ for a number exponent `p`. Differentiable. */
export const pow = (a: Tensor, p: number): Tensor =>
  unary(
    "pow",
    a,
    (x) => x ** p,
    (x) => (p === 0 ? 0 : p * x ** (p - 1)),
  );

/**
 * ReLU, written without a data-dependent branch: it sits on the hot path of every MLP step,
 * and with half the inputs negative a `v > 0 ? v : 0` branch is mispredicted about half the
 * time (4–6× slower on a 1344×96 batch). (v + |v|)/2 is exact for every finite input (v + |v|
 * is 2v or +0, and halving is exact) and keeps NaN, as PyTorch's relu does; −∞, where it would
 * give NaN, takes a branch that is almost never taken. The backward multiplies by the 0/1 mask;
 * only if that made a NaN (an overflowed gradient meeting a 0) is the select redone exactly.
 */
export function relu(a: Tensor): Tensor {
  const x = a.data;
  const out = allocate(a.dtype, x.length);
  for (let i = 0; i < out.length; i++) {
    const v = x[i]!;
    out[i] = v === -Infinity ? 0 : (v + Math.abs(v)) * 0.5;
  }
  const res = Tensor.fromOp(out, a.shape, a.dtype, "relu", [a]);
  if (res.requiresGrad)
    res.backwardFn = (g) => {
      const ga = allocate(a.dtype, x.length);
      let nan = 0;
      for (let i = 0; i < ga.length; i++) {
        const v = g[i]! * +(x[i]! > 0);
        ga[i] = v;
        nan |= +(v !== v);
      }
      if (nan !== 0) for (let i = 0; i < ga.length; i++) ga[i] = x[i]! > 0 ? g[i]! : 0;
      a.accumulateGrad(ga, true);
    };
  return res;
}

// GELU, tanh approximation (Hendrycks & Gimpel 2016, eq. after §2; PyTorch approximate="tanh",
// as in GPT-2): the exact erf form needs an erf that JS lacks. Written out (no callbacks):
// it runs over the widest activations of a transformer block.
const GELU_C = Math.sqrt(2 / Math.PI);
/** GELU, tanh approximation (as PyTorch's approximate="tanh", GPT-2). Differentiable. */
export function gelu(a: Tensor): Tensor {
  const x = a.data;
  const out = allocate(a.dtype, x.length);
  // tanh is the costly part; the backward reuses the forward's values (kept in float64, so the
  // derivative is the same number it would be if recomputed).
  const th = new Float64Array(a.requiresGrad ? x.length : 0);
  for (let i = 0; i < out.length; i++) {
    const v = x[i]!;
    const t = Math.tanh(GELU_C * (v + 0.044715 * v * v * v));
    if (a.requiresGrad) th[i] = t;
    out[i] = 0.5 * v * (1 + t);
  }
  const res = Tensor.fromOp(out, a.shape, a.dtype, "gelu", [a]);
  if (res.requiresGrad)
    res.backwardFn = (g) => {
      const ga = allocate(a.dtype, x.length);
      for (let i = 0; i < ga.length; i++) {
        const v = x[i]!;
        const t = th[i]!;
        ga[i] =
          g[i]! * (0.5 * (1 + t) + 0.5 * v * (1 - t * t) * GELU_C * (1 + 3 * 0.044715 * v * v));
      }
      a.accumulateGrad(ga, true);
    };
  return res;
}

/** tanh written out: the activation of the teacher–student MLPs. */
export function tanh(a: Tensor): Tensor {
  const x = a.data;
  const out = allocate(a.dtype, x.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.tanh(x[i]!);
  const res = Tensor.fromOp(out, a.shape, a.dtype, "tanh", [a]);
  if (res.requiresGrad)
    res.backwardFn = (g) => {
      const o = res.data;
      const ga = allocate(a.dtype, x.length);
      for (let i = 0; i < ga.length; i++) ga[i] = g[i]! * (1 - o[i]! * o[i]!);
      a.accumulateGrad(ga, true);
    };
  return res;
}
