// Matrix product, 2-D and batched ([..., m, k] · [..., k, n], or [..., m, k] · [k, n] which
// folds the batch into rows). Backward: dA = dC·Bᵀ, dB = Aᵀ·dC, through the same kernel
// reading the stored operand transposed (no transpose copies).
import { allocate, promote } from "./dtype.ts";
import { TensorError } from "./error.ts";
import { gemm } from "./kernels/gemm.ts";
import { sameShape } from "./shape.ts";
import { Tensor } from "./tensor.ts";
import { cast } from "./cast.ts";

/**
 * Matrix product [..., m, k] · [..., k, n] → [..., m, n] (equal batch shapes, or a 2-D right
 * operand shared by the batch); dtypes promote. Differentiable. Throws TensorError for rank < 2,
 * unequal inner sizes or mismatched batch shapes.
 * @example
 * const y = matmul(tensor([[1, 2], [3, 4]]), tensor([[1], [1]])); // [[3], [7]]
 */
export function matmul(a0: Tensor, b0: Tensor): Tensor {
  if (a0.rank < 2 || b0.rank < 2)
    throw new TensorError("matmul", `ranks ${a0.rank} and ${b0.rank}`, "both operands of rank ≥ 2");
  const dtype = promote(a0.dtype, b0.dtype);
  const a = cast(a0, dtype);
  const b = cast(b0, dtype);
  const k = a.shape[a.rank - 1]!;
  const m = a.shape[a.rank - 2]!;
  const n = b.shape[b.rank - 1]!;
  if (b.shape[b.rank - 2] !== k)
    throw new TensorError(
      "matmul",
      `inner sizes ${k} and ${b.shape[b.rank - 2]} (shapes [${a.shape}], [${b.shape}])`,
      "equal inner sizes",
    );
  const folded = b.rank === 2; // [..., m, k]·[k, n]: one (batch·m)×k by k×n product
  const batchShape = a.shape.slice(0, -2);
  if (!folded && !sameShape(batchShape, b.shape.slice(0, -2)))
    throw new TensorError(
      "matmul",
      `batch shapes [${batchShape}] and [${b.shape.slice(0, -2)}]`,
      "equal batch shapes, or a 2-D right operand",
    );
  const batch = a.size / (m * k);
  const out = allocate(dtype, batch * m * n);
  if (folded) gemm(a.data, b.data, out, batch * m, k, n);
  else
    for (let t = 0; t < batch; t++)
      gemm(
        a.data.subarray(t * m * k),
        b.data.subarray(t * k * n),
        out.subarray(t * m * n),
        m,
        k,
        n,
      );
  const res = Tensor.fromOp(out, [...batchShape, m, n], dtype, "matmul", [a, b]);
  if (res.requiresGrad)
    res.backwardFn = (g) => {
      if (a.requiresGrad) {
        const ga = allocate(dtype, a.size);
        if (folded) gemm(g, b.data, ga, batch * m, n, k, false, true);
        else
          for (let t = 0; t < batch; t++)
            gemm(
              g.subarray(t * m * n),
              b.data.subarray(t * k * n),
              ga.subarray(t * m * k),
              m,
              n,
              k,
              false,
              true,
            );
        a.accumulateGrad(ga, true);
      }
      if (b.requiresGrad) {
        const gb = allocate(dtype, b.size);
        if (folded) gemm(a.data, g, gb, k, batch * m, n, true, false);
        else
          for (let t = 0; t < batch; t++)
            gemm(
              a.data.subarray(t * m * k),
              g.subarray(t * m * n),
              gb.subarray(t * k * n),
              k,
              m,
              n,
              true,
              false,
            );
        b.accumulateGrad(gb, true);
      }
    };
  return res;
}
