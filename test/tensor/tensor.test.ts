// The autodiff core: leaves accumulate across backward passes, intermediates do not; noGrad
// records nothing; errors name the op and what was expected.
import { describe, expect, it } from "vitest";
import { noGrad, tensor, TensorError } from "../../src/tensor/index.ts";

describe("backward", () => {
  it("accumulates into leaves across passes but restarts intermediates", () => {
    const w = tensor([2, 3], { dtype: "f64", requiresGrad: true });
    const h = w.mul(w); // shared intermediate
    h.sum().backward();
    h.mul(10).sum().backward();
    // d/dw Σ w² = 2w, plus d/dw 10 Σ w² = 20w
    expect(Array.from(w.grad!)).toEqual([44, 66]);
    expect(Array.from(h.grad!)).toEqual([10, 10]);
  });

  it("sums the gradient of a tensor used twice", () => {
    const x = tensor([1.5], { dtype: "f64", requiresGrad: true });
    x.mul(x).add(x).sum().backward();
    expect(x.grad![0]).toBe(2 * 1.5 + 1);
  });

  it("records no graph under noGrad and refuses backward there", () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const y = noGrad(() => w.mul(2).sum());
    expect(y.requiresGrad).toBe(false);
    expect(y.parents).toEqual([]);
    expect(() => y.backward()).toThrow(TensorError);
  });

  it("asks for a seed gradient on a non-scalar output", () => {
    const w = tensor([1, 2], { requiresGrad: true });
    expect(() => w.mul(2).backward()).toThrow(/seed/);
  });

  it("reports shape errors with the op and the expected shapes", () => {
    const a = tensor([1, 2, 3], [3]);
    const b = tensor([1, 2], [2]);
    expect(() => a.add(b)).toThrow(/add: shapes \[3\] and \[2\] do not broadcast/);
    expect(() => tensor([1, 2, 3, 4], [2, 2]).matmul(tensor([1, 2, 3], [3, 1]))).toThrow(
      /matmul: inner sizes/,
    );
  });
});

describe("showing a tensor", () => {
  it("gives nested values and a short description", () => {
    const t = tensor([1, 2, 3, 4, 5, 6], [2, 3], { dtype: "f64" });
    expect(t.toNested()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(tensor(7, { dtype: "f64" }).toNested()).toBe(7);
    expect(String(t)).toBe("Tensor(f64 [2, 3]) [1, 2, 3, 4, 5, 6]");
    expect(
      String(
        tensor(
          Array.from({ length: 10 }, (_, i) => i / 3),
          { requiresGrad: true },
        ),
      ),
    ).toBe(
      "Tensor(f32 [10], grad) [0, 0.333333, 0.666667, 1, 1.33333, 1.66667, 2, 2.33333, … 2 more]",
    );
  });
});
