// clipGradNorm (src/tensor/optim/clip.ts): scales all gradients together to the maximum global
// norm, keeps their direction, leaves small ones and missing ones alone, reports the norm before.
import { describe, expect, it } from "vitest";
import { clipGradNorm, gradNorm, tensor, TensorError } from "../../../src/tensor/index.ts";

const param = (values: number[], grad: number[] | null) => {
  const p = tensor(values, { dtype: "f64", requiresGrad: true });
  p.grad = grad === null ? null : Float64Array.from(grad);
  return p;
};

describe("clipGradNorm", () => {
  it("scales every gradient by maxNorm/‖g‖ when the global norm is larger, and returns ‖g‖", () => {
    const a = param([0, 0], [3, 0]);
    const b = param([0], [4]);
    const c = param([0], null);
    expect(clipGradNorm([a, b, c], 1)).toBe(5);
    expect(a.grad![0]).toBeCloseTo(0.6, 15);
    expect(a.grad![1]).toBe(0);
    expect(b.grad![0]).toBeCloseTo(0.8, 15);
    expect(c.grad).toBeNull();
    expect(gradNorm([a, b, c])).toBeCloseTo(1, 15);
  });

  it("leaves gradients within the norm untouched", () => {
    const a = param([0, 0], [0.3, 0.4]);
    expect(clipGradNorm([a], 1)).toBeCloseTo(0.5, 15);
    expect(Array.from(a.grad!)).toEqual([0.3, 0.4]);
  });

  it("refuses a maxNorm that is not positive", () => {
    expect(() => clipGradNorm([], 0)).toThrow(TensorError);
    expect(() => clipGradNorm([], Number.NaN)).toThrow(/maxNorm NaN/);
  });
});
