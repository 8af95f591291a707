// A matmul whose three GEMMs (forward Y = X·W, data gradient dX = dY·Wᵀ, weight gradient
// dW = Xᵀ·dY) each quantise their two operands along their own inner dimension, as FP8/FP4
// training does (NVIDIA 2025, "Pretraining LLMs with NVFP4", §4): a precision is a description
// of which tensor goes to which format, optionally behind a random Hadamard transform; the
// products themselves run through the engine's ordinary kernel. Gradients are straight-through.
import { allocate, promote } from "./dtype.ts";
import { TensorError } from "./error.ts";
import { gemm } from "./kernels/gemm.ts";
import { hadamardSigns, randomHadamard } from "./hadamard.ts";
import { quantizeMatrix, type QuantFormat } from "./quantize.ts";
import { Rng } from "./rng.ts";
import { Tensor } from "./tensor.ts";
import { cast } from "./cast.ts";
import type { Storage } from "./dtype.ts";

export type Gemm = "fprop" | "dgrad" | "wgrad";

export interface MatmulPrecision {
  /** Activations X (forward and weight-gradient GEMMs); null keeps them as they are. */
  readonly input: QuantFormat | null;
  /** Weights W (forward and data-gradient GEMMs). A "tile" scaling quantises W once for both. */
  readonly weight: QuantFormat | null;
  /** Output gradients dY (data- and weight-gradient GEMMs). */
  readonly grad: QuantFormat | null;
  /**
   * Random Hadamard transform of block `size` on the inner dimension of the listed GEMMs, with
   * one fixed sign vector `signs` (NVIDIA's recipe: shared by all layers for the whole run) or,
   * without it, fresh signs from `rng` at each call.
   */
  readonly hadamard?: {
    readonly size: number;
    readonly gemms: readonly Gemm[];
    readonly signs?: Int8Array;
  } | null;
  /** Generator of stochastic rounding (and of fresh Hadamard signs when none are fixed). */
  readonly rng: Rng;
}

/** Quantise [rows, cols] along `axis` (after an RHT along the same axis when `signs` is given). */
function prepare(
  data: Storage,
  rows: number,
  cols: number,
  axis: 0 | 1,
  q: QuantFormat | null,
  signs: Int8Array | null,
  rng: Rng,
): Storage {
  const x = signs === null ? data : randomHadamard(data, rows, cols, axis, signs);
  return q === null ? x : quantizeMatrix(x, rows, cols, q, { axis, rng });
}

/** x [..., k] · w [k, n] under `precision`; its backward quantises as the forward does. */
export function quantizedMatmul(x0: Tensor, w0: Tensor, precision: MatmulPrecision): Tensor {
  if (x0.rank < 2 || w0.rank !== 2)
    throw new TensorError(
      "quantizedMatmul",
      `ranks ${x0.rank} and ${w0.rank}`,
      "x of rank ≥ 2 and a 2-D weight",
    );
  const dtype = promote(x0.dtype, w0.dtype);
  const x = cast(x0, dtype);
  const w = cast(w0, dtype);
  const [k, n] = w.shape as [number, number];
  if (x.shape[x.rank - 1] !== k)
    throw new TensorError(
      "quantizedMatmul",
      `inner sizes ${x.shape[x.rank - 1]} and ${k}`,
      "equal inner sizes",
    );
  const m = x.size / k;
  const p = precision;
  const rht = (g: Gemm): Int8Array | null =>
    p.hadamard != null && p.hadamard.gemms.includes(g)
      ? (p.hadamard.signs ?? hadamardSigns(p.hadamard.size, p.rng.nextUint32()))
      : null;
  const tiled = p.weight?.scaling.kind === "tile";
  const fSigns = rht("fprop");
  const xq = prepare(x.data, m, k, 1, p.input, fSigns, p.rng);
  const wq = prepare(w.data, k, n, 0, p.weight, fSigns, p.rng);
  const out = allocate(dtype, m * n);
  gemm(xq, wq, out, m, k, n);
  const res = Tensor.fromOp(out, [...x.shape.slice(0, -1), n], dtype, "quantized_matmul", [x, w]);
  if (res.requiresGrad)
    res.backwardFn = (g) => {
      if (x.requiresGrad) {
        // dX = dY·Wᵀ: inner dimension n, so W is quantised along its rows (or reuses its tiles,
        // when neither GEMM transforms it).
        const s = rht("dgrad");
        const gq = prepare(g, m, n, 1, p.grad, s, p.rng);
        const reuse = tiled && s === null && fSigns === null;
        const wd = reuse ? wq : prepare(w.data, k, n, 1, p.weight, s, p.rng);
        const gx = allocate(dtype, x.size);
        gemm(gq, wd, gx, m, n, k, false, true);
        x.accumulateGrad(gx, true);
      }
      if (w.requiresGrad) {
        // dW = Xᵀ·dY: inner dimension m (the batch), both operands quantised down their columns.
        const s = rht("wgrad");
        const xw = prepare(x.data, m, k, 0, p.input, s, p.rng);
        const gw = prepare(g, m, n, 0, p.grad, s, p.rng);
        const gW = allocate(dtype, w.size);
        gemm(xw, gw, gW, k, m, n, true, false);
        w.accumulateGrad(gW, true);
      }
    };
  return res;
}
