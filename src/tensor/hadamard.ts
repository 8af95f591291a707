// Random Hadamard transform (RHT) along one axis of a matrix in blocks of `size` (a power of
// two; 16 in the NVFP4 pretraining recipe): x ↦ (x ⊙ s)·H/√size with a seeded random sign vector
// s, an orthogonal map that spreads a block's outlier over all its entries before quantisation.
// Applied to both operands on a matmul's inner dimension it leaves the product unchanged:
// (X·R)·(Rᵀ·W) = X·W, because R = diag(s)·H/√size has R·Rᵀ = I.
import { TensorError } from "./error.ts";
import { Rng } from "./rng.ts";
import type { Storage } from "./dtype.ts";

/** ±1 signs of a random Hadamard transform of block `size`, from a seed. */
export function hadamardSigns(size: number, seed: number): Int8Array {
  if (size < 1 || (size & (size - 1)) !== 0)
    throw new TensorError("hadamardSigns", `size ${size}`, "a power of two");
  const rng = new Rng(seed);
  return Int8Array.from({ length: size }, () => (rng.nextUint32() & 1 ? 1 : -1));
}

/** In-place fast Walsh–Hadamard transform of n values at off, off+stride, … (unnormalised). */
function fwht(x: Storage, off: number, stride: number, n: number): void {
  for (let h = 1; h < n; h *= 2)
    for (let i = 0; i < n; i += 2 * h)
      for (let j = i; j < i + h; j++) {
        const p = off + j * stride;
        const q = p + h * stride;
        const a = x[p]!;
        const b = x[q]!;
        x[p] = a + b;
        x[q] = a - b;
      }
}

/**
 * The RHT (or, with `inverse`, its inverse) of a row-major [rows, cols] matrix along `axis`
 * (1: within each row, 0: down each column), blocks of signs.length; returns a new array.
 */
export function randomHadamard(
  src: Storage,
  rows: number,
  cols: number,
  axis: 0 | 1,
  signs: Int8Array,
  inverse = false,
): Storage {
  const b = signs.length;
  const along = axis === 1 ? cols : rows;
  if (along % b !== 0)
    throw new TensorError(
      "randomHadamard",
      `${along} elements along axis ${axis} in blocks of ${b}`,
      `a multiple of ${b}`,
    );
  const out = src.slice();
  const norm = 1 / Math.sqrt(b);
  const lines = axis === 1 ? rows : cols;
  const stride = axis === 1 ? 1 : cols;
  for (let l = 0; l < lines; l++)
    for (let k0 = 0; k0 < along; k0 += b) {
      const off = axis === 1 ? l * cols + k0 : k0 * cols + l;
      // Forward: (x ⊙ s)·H/√b; inverse: (x·H/√b) ⊙ s (H is symmetric and H·H = b·I).
      if (!inverse) for (let i = 0; i < b; i++) out[off + i * stride]! *= signs[i]!;
      fwht(out, off, stride, b);
      for (let i = 0; i < b; i++) out[off + i * stride]! *= inverse ? norm * signs[i]! : norm;
    }
  return out;
}
