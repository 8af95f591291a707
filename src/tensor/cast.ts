// Casting between dtypes, e.g. float32 logits to the "softmax precision" (Prieto et al. 2025
// cast logits to f16/f32/f64 before log-softmax). The gradient is cast back to the source dtype.
import { allocate, type Dtype } from "./dtype.ts";
import { Tensor } from "./tensor.ts";

/** The tensor rounded to `dtype` (the same tensor when already of it); the gradient flows back in the source dtype. */
export function cast(a: Tensor, dtype: Dtype): Tensor {
  if (dtype === a.dtype) return a;
  const out = allocate(dtype, a.size);
  out.set(a.data);
  const res = Tensor.fromOp(out, a.shape, dtype, `to_${dtype}`, [a]);
  if (res.requiresGrad) res.backwardFn = (g) => a.accumulateGrad(g);
  return res;
}
