// C = op(A)·op(B) for row-major contiguous matrices (A m×k, B k×n, C m×n, overwritten;
// transA: `a` holds Aᵀ as k×m, transB: `b` holds Bᵀ as n×k): the one entry point the
// autodiff core calls. Large products go to the WebAssembly SIMD kernels on two threads
// (pool.ts); small ones, or hosts without SIMD, use the JS loop below.
// Accumulation: f64 in f64; below f64 in float32 (JS: fl32(c + a·b), a fused multiply-add,
// since a·b of two f32 values is exact in f64; SIMD: product and sum each rounded to f32).
import type { Storage } from "../dtype.ts";
import { gemmWasm } from "./pool.ts";

const SIMD_MIN_WORK = 4096; // m·k·n below this: the copies into WebAssembly memory dominate

export function gemm(
  a: Storage,
  b: Storage,
  c: Storage,
  m: number,
  k: number,
  n: number,
  transA = false,
  transB = false,
): void {
  if (m * k * n >= SIMD_MIN_WORK && gemmWasm(a, b, c, m, k, n, transA, transB)) return;
  gemmJs(a, b, c, m, k, n, transA, transB);
}

/** Reference i-k-j loop with strided A and B; C's row is the accumulator. */
export function gemmJs(
  a: Storage,
  b: Storage,
  c: Storage,
  m: number,
  k: number,
  n: number,
  transA = false,
  transB = false,
): void {
  const [aRS, aCS] = transA ? [1, m] : [k, 1];
  const [bRS, bCS] = transB ? [1, k] : [n, 1];
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    c.fill(0, ci, ci + n);
    for (let p = 0; p < k; p++) {
      const aip = a[i * aRS + p * aCS]!;
      if (aip === 0) continue;
      const bp = p * bRS;
      for (let j = 0; j < n; j++) c[ci + j] += aip * b[bp + j * bCS]!;
    }
  }
}
