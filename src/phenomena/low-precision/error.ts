// Quantisation error of a product X·W whose activations X carry outlier channels (claim 3 of
// the notebook): both operands quantised along the inner dimension, with or without a random
// Hadamard transform of block 16 first (NVIDIA 2025, §4.2: the RHT spreads a block's outlier
// so its other entries are not flushed to zero). Relative Frobenius error against the f64 product.
import {
  E2M1,
  hadamardSigns,
  makeRng,
  nvfp4Blocks,
  quantFormat,
  quantizeMatrix,
  randomHadamard,
  type QuantFormat,
} from "../../tensor/index.ts";

export interface ProductErrorOptions {
  rows?: number;
  inner?: number;
  cols?: number;
  /** Inner-dimension channels of X scaled by `outlierScale`. */
  outliers?: number;
  outlierScale?: number;
  hadamard: boolean;
  format?: QuantFormat;
  seed?: number;
}

function product(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let p = 0; p < k; p++) {
      const v = a[i * k + p]!;
      for (let j = 0; j < n; j++) c[i * n + j]! += v * b[p * n + j]!;
    }
  return c;
}

/** ‖Q(X)·Q(W) − X·W‖ / ‖X·W‖ for one draw of X (with outlier channels) and W. */
export function productError(options: ProductErrorOptions): number {
  const m = options.rows ?? 64;
  const k = options.inner ?? 64;
  const n = options.cols ?? 64;
  const outliers = options.outliers ?? 2;
  const big = options.outlierScale ?? 20;
  const q = options.format ?? quantFormat(E2M1, nvfp4Blocks);
  const rng = makeRng(options.seed ?? 1);
  const x = Float64Array.from(
    { length: m * k },
    (_, i) => rng.normal() * (i % k < outliers ? big : 1),
  );
  const w = Float64Array.from({ length: k * n }, () => rng.normal());
  const exact = product(x, w, m, k, n);
  let xs: Float64Array = x;
  let ws: Float64Array = w;
  if (options.hadamard) {
    const s = hadamardSigns(16, rng.nextUint32());
    xs = randomHadamard(x, m, k, 1, s) as Float64Array;
    ws = randomHadamard(w, k, n, 0, s) as Float64Array;
  }
  const approx = product(
    quantizeMatrix(xs, m, k, q, { axis: 1 }) as Float64Array,
    quantizeMatrix(ws, k, n, q, { axis: 0 }) as Float64Array,
    m,
    k,
    n,
  );
  let num = 0;
  let den = 0;
  for (let i = 0; i < exact.length; i++) {
    num += (approx[i]! - exact[i]!) ** 2;
    den += exact[i]! ** 2;
  }
  return Math.sqrt(num / den);
}
