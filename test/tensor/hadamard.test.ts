// The random Hadamard transform: orthogonal (its inverse undoes it, norms are kept), a matmul
// with both operands transformed on the inner dimension is unchanged in exact arithmetic, and
// a block's single outlier is spread evenly over the block.
import { describe, expect, it } from "vitest";
import { hadamardSigns, makeRng, randomHadamard, TensorError } from "../../src/tensor/index.ts";

function gaussian(n: number, seed: number): Float64Array {
  const rng = makeRng(seed);
  return Float64Array.from({ length: n }, () => rng.normal());
}

function product(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let p = 0; p < k; p++)
      for (let j = 0; j < n; j++) c[i * n + j]! += a[i * k + p]! * b[p * n + j]!;
  return c;
}

describe("random Hadamard transform", () => {
  it("is undone by its inverse along either axis and keeps the Frobenius norm", () => {
    const x = gaussian(32 * 48, 1);
    const s = hadamardSigns(16, 2);
    for (const axis of [0, 1] as const) {
      const y = randomHadamard(x, 32, 48, axis, s);
      const back = randomHadamard(y, 32, 48, axis, s, true);
      for (let i = 0; i < x.length; i++) expect(back[i]).toBeCloseTo(x[i]!, 12);
      const norm = (v: Float64Array | Float32Array): number => Math.hypot(...Array.from(v));
      expect(norm(y)).toBeCloseTo(norm(x), 10);
    }
  });

  it("leaves X·W unchanged when applied to X's rows and W's columns on the inner dimension", () => {
    const [m, k, n] = [8, 32, 12];
    const x = gaussian(m * k, 3);
    const w = gaussian(k * n, 4);
    const s = hadamardSigns(16, 5);
    const direct = product(x, w, m, k, n);
    const rotated = product(
      randomHadamard(x, m, k, 1, s) as Float64Array,
      randomHadamard(w, k, n, 0, s) as Float64Array,
      m,
      k,
      n,
    );
    for (let i = 0; i < direct.length; i++) expect(rotated[i]).toBeCloseTo(direct[i]!, 11);
  });

  it("spreads one outlier of a block over all 16 entries with equal magnitude", () => {
    const x = new Float64Array(16);
    x[5] = 8;
    const y = randomHadamard(x, 1, 16, 1, hadamardSigns(16, 6));
    for (const v of y) expect(Math.abs(v)).toBeCloseTo(2, 12);
  });

  it("draws both signs from a seed, reproducibly, and rejects sizes that are not powers of two", () => {
    const s = hadamardSigns(16, 7);
    expect(Array.from(s)).toEqual(Array.from(hadamardSigns(16, 7)));
    expect(new Set(s).size).toBe(2);
    expect(() => hadamardSigns(12, 1)).toThrow(TensorError);
    expect(() => randomHadamard(new Float64Array(20), 1, 20, 1, s)).toThrow(/multiple of 16/);
  });
});
