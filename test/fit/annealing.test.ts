import { describe, expect, it } from "vitest";
import { annealingAreas } from "../../src/fit/index.ts";

describe("annealingAreas (Tissue et al. 2024, eq. 1)", () => {
  it("a constant schedule has forward area η·s and no annealing area", () => {
    const { S1, S2 } = annealingAreas(new Array(100).fill(0.1));
    expect(S1[99]).toBeCloseTo(10, 10);
    expect(S2.every((v) => v === 0)).toBe(true);
  });

  it("a step drop adds momentum that accumulates towards the full drop", () => {
    const lrs = [...new Array(10).fill(1), ...new Array(5000).fill(0.5)];
    const lambda = 0.99;
    const { S2 } = annealingAreas(lrs, lambda);
    // m_i = 0.5 λ^(i−10) after the drop, so S2 grows by 0.5 Σ λ^k → 0.5 / (1 − λ).
    expect(S2[10]).toBeCloseTo(0.5, 12);
    expect(S2[11]).toBeCloseTo(0.5 + 0.5 * lambda, 12);
    expect(S2[5009]).toBeCloseTo(0.5 / (1 - lambda), 6);
  });

  it("counts a warmup at the peak rate, so it adds no annealing area", () => {
    const plain = annealingAreas([1, 1, 1, 1, 1, 0.5], 0.99);
    const warm = annealingAreas([0.25, 0.5, 0.75, 1, 1, 0.5], 0.99, { warmup: 3 });
    expect(warm).toEqual(plain);
    expect(annealingAreas([0.5, 1, 1, 1], 0.99, { warmup: 1 }).S2.every((v) => v === 0)).toBe(true);
    // Without it, the rising rate adds negative area.
    expect(annealingAreas([0.5, 1, 1, 1], 0.99).S2[1]).toBeLessThan(0);
    expect(() => annealingAreas([1], 0.99, { warmup: -1 })).toThrow(/warmup/);
  });
});
