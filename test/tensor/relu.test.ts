// ReLU's branch-free form must agree with the definition at the edges: zeros of both signs,
// negatives, NaN (propagated, as in PyTorch), and a gradient that passes only where x > 0.
import { describe, expect, it } from "vitest";
import { tensor } from "../../src/tensor/index.ts";

describe("relu edges", () => {
  it("forward: max(x, 0) with +0 for x ≤ 0 and NaN kept", () => {
    for (const dtype of ["f32", "f64", "bf16", "f16"] as const) {
      const x = tensor([-3.5, -0, 0, 1e-30, 2.25, Number.NaN, -Infinity, Infinity], [8], { dtype });
      const y = Array.from(x.relu().data);
      expect(y.slice(0, 3).every((v) => Object.is(v, 0))).toBe(true);
      expect(y[4]).toBe(2.25);
      expect(Number.isNaN(y[5])).toBe(true);
      expect(y[6]).toBe(0);
      expect(y[7]).toBe(Infinity);
      expect(y[3]).toBe(x.data[3]);
    }
  });

  it("backward: the incoming gradient where x > 0, zero elsewhere", () => {
    const x = tensor([-2, 0, 3, -0.5, 7], [5], { requiresGrad: true });
    x.relu()
      .mul(tensor([10, 20, 30, 40, 50], [5]))
      .sum()
      .backward();
    expect(Array.from(x.grad!).map((v) => v + 0)).toEqual([0, 0, 30, 0, 50]);
  });

  it("backward: an overflowed gradient stays where x > 0 and is zeroed elsewhere (no NaN)", () => {
    const x = tensor([-2, 3, -1], [3], { requiresGrad: true });
    x.relu()
      .mul(tensor([Infinity, Infinity, 1], [3]))
      .sum()
      .backward();
    expect(Array.from(x.grad!)).toEqual([0, Infinity, 0]);
  });
});
