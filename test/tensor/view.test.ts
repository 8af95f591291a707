import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tensor } from "../../src/tensor/index.ts";

/** out[i0, …, ir] = in[j] with j the input index whose axis axes[d] is i_d: written out naively. */
function naivePermute(values: number[], shape: number[], axes: number[]): number[] {
  const outShape = axes.map((a) => shape[a]!);
  const size = values.length;
  const result: number[] = [];
  for (let flat = 0; flat < size; flat++) {
    const index: number[] = [];
    let rest = flat;
    for (let d = outShape.length - 1; d >= 0; d--) {
      index[d] = rest % outShape[d]!;
      rest = Math.floor(rest / outShape[d]!);
    }
    const source: number[] = new Array<number>(shape.length);
    axes.forEach((a, d) => (source[a] = index[d]!));
    let j = 0;
    for (let d = 0; d < shape.length; d++) j = j * shape[d]! + source[d]!;
    result.push(values[j]!);
  }
  return result;
}

describe("permute", () => {
  it("moves every element where the index arithmetic says, for any shape and axis order", () =>
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 5 }).chain((shape) =>
          fc.tuple(
            fc.constant(shape),
            fc.shuffledSubarray(
              shape.map((_, i) => i),
              { minLength: shape.length, maxLength: shape.length },
            ),
          ),
        ),
        ([shape, axes]) => {
          const size = shape.reduce((p, d) => p * d, 1);
          const values = Array.from({ length: size }, (_, i) => i + 0.5);
          const out = tensor(values, shape, { dtype: "f64" }).permute(axes);
          expect(out.shape).toEqual(axes.map((a) => shape[a]));
          expect(Array.from(out.data)).toEqual(naivePermute(values, shape, axes));
        },
      ),
      { numRuns: 300, seed: 7 },
    ));

  it("moving only axes of size 1 relabels the data without a copy, and passes gradients back", () => {
    const x = tensor([1, 2, 3, 4, 5, 6], [2, 3, 1], { dtype: "f64", requiresGrad: true });
    const y = x.permute([0, 2, 1]);
    expect(y.shape).toEqual([2, 1, 3]);
    expect(y.data).toBe(x.data);
    y.mul(tensor([1, 2, 3, 4, 5, 6], [2, 1, 3], { dtype: "f64" }))
      .sum()
      .backward();
    expect(Array.from(x.grad!)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("keeps a scalar and an empty tensor as they are", () => {
    expect(Array.from(tensor([2.5], [], { dtype: "f64" }).permute([]).data)).toEqual([2.5]);
    expect(tensor([], [0, 3], { dtype: "f64" }).permute([1, 0]).shape).toEqual([3, 0]);
  });
});
