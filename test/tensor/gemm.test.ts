// The matmul kernels: WebAssembly SIMD (one thread and split over the worker thread) against
// the JS reference loop, for both dtypes, transposed operands and sizes off the block grid.
import { afterAll, describe, expect, it } from "vitest";
import { configureKernels, kernelInfo, makeRng, shutdownKernels } from "../../src/tensor/index.ts";
import { gemm, gemmJs } from "../../src/tensor/kernels/gemm.ts";

afterAll(() => shutdownKernels());

const rng = makeRng(3);
const fill = <T extends Float32Array | Float64Array>(x: T): T =>
  x.map(() => rng.uniform() * 2 - 1) as T;

function maxRelativeGap(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < x.length; i++)
    worst = Math.max(worst, Math.abs(x[i]! - y[i]!) / (1 + Math.abs(y[i]!)));
  return worst;
}

const shapes: [number, number, number][] = [
  [1, 1, 1],
  [5, 3, 7],
  [17, 33, 9],
  [64, 64, 64],
  [37, 203, 29],
];

describe("WebAssembly SIMD kernels agree with the JS loop", () => {
  for (const [m, k, n] of shapes)
    for (const transA of [false, true])
      for (const transB of [false, true])
        it(`${m}×${k}×${n} transA=${transA} transB=${transB}`, () => {
          const a64 = fill(new Float64Array(m * k));
          const b64 = fill(new Float64Array(k * n));
          const c = new Float64Array(m * n);
          const ref = new Float64Array(m * n);
          gemm(a64, b64, c, m, k, n, transA, transB);
          gemmJs(a64, b64, ref, m, k, n, transA, transB);
          expect(Array.from(c)).toEqual(Array.from(ref)); // same order, mul then add: identical in f64
          const a32 = Float32Array.from(a64);
          const b32 = Float32Array.from(b64);
          const c32 = new Float32Array(m * n);
          gemm(a32, b32, c32, m, k, n, transA, transB);
          expect(maxRelativeGap(c32, ref)).toBeLessThan(k * 2 ** -23);
        });
});

describe("the worker thread", () => {
  it("computes its row chunks exactly as the main thread does", async () => {
    const [m, k, n] = [300, 120, 50];
    const a = fill(new Float32Array(m * k));
    const b = fill(new Float32Array(k * n));
    configureKernels({ threads: 1 });
    const single = new Float32Array(m * n);
    gemm(a, b, single, m, k, n);
    expect(kernelInfo()).not.toContain("worker");
    configureKernels({ threads: 2 });
    kernelInfo(); // starts the worker
    for (let i = 0; i < 100 && !kernelInfo().includes("worker"); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(kernelInfo()).toContain("worker");
    for (let rep = 0; rep < 20; rep++) {
      const both = new Float32Array(m * n);
      gemm(a, b, both, m, k, n);
      expect(both).toEqual(single);
    }
  });

  it("keeps working after shutdown (kernels restart on demand)", () => {
    const [m, k, n] = [40, 30, 20];
    const a = fill(new Float64Array(m * k));
    const b = fill(new Float64Array(k * n));
    const ref = new Float64Array(m * n);
    gemmJs(a, b, ref, m, k, n);
    shutdownKernels();
    const c = new Float64Array(m * n);
    gemm(a, b, c, m, k, n);
    expect(c).toEqual(ref);
  });
});
