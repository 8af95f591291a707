// C = A·B for row-major contiguous matrices (A m×k, B k×n, C m×n, overwritten): the one
// entry point the autodiff core calls; it picks the fastest available kernel.
// Accumulation: f64 in f64; below f64 each step is fl32(c + a·b), a fused multiply-add in
// float32 (a·b of two f32 values is exact in f64), like FMA-based BLAS kernels.
import type { Storage } from "../dtype.ts";

export function gemm(a: Storage, b: Storage, c: Storage, m: number, k: number, n: number): void {
  gemmIkj(a, 0, b, c, 0, m, k, n);
}

/** Reference i-k-j loop over rows [row0, row0 + rows): the accumulator is C itself. */
export function gemmIkj(a: Storage, row0: number, b: Storage, c: Storage, _unused: number, rows: number, k: number, n: number): void {
  for (let i = row0; i < row0 + rows; i++) {
    const ci = i * n;
    c.fill(0, ci, ci + n);
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p]!;
      if (aip === 0) continue;
      const bp = p * n;
      for (let j = 0; j < n; j++) c[ci + j] += aip * b[bp + j]!;
    }
  }
}
