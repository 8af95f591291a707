import { describe, expect, it } from "vitest";
import { rng } from "../../../src/data/random.ts";
import {
  bootstrapCrossing,
  bootstrapMean,
  crossingPoint,
  pairedDifferences,
} from "../../../src/phenomena/scaling-crossover/crossing.ts";

describe("locating a crossover", () => {
  it("interpolates the sign change linearly in ln n", () => {
    expect(crossingPoint([100, 400], [-1, 1])).toBeCloseTo(200, 9);
    expect(crossingPoint([10, 100, 1000], [-3, -1, 3])).toBeCloseTo(100 * 10 ** 0.25, 9);
  });

  it("takes the last change to positive, and is null when the curves never cross that way", () => {
    expect(crossingPoint([1, 2, 4, 8], [-1, 1, -1, 1])).toBeCloseTo(
      Math.exp(Math.log(4) + Math.log(2) / 2),
      9,
    );
    expect(crossingPoint([1, 2, 4], [-1, -2, -3])).toBeNull();
    expect(crossingPoint([1, 2, 4], [1, 2, 3])).toBeNull();
    expect(crossingPoint([1, 2, 4], [1, -2, -3])).toBeNull();
    expect(() => crossingPoint([1], [1])).toThrow(/≥ 2 sizes/);
  });

  it("brackets a known crossing with a bootstrap over draws, and reports resamples that cross", () => {
    const sizes = [1, 2, 4, 8, 16, 32];
    const random = rng(4);
    // True difference ln(n/4)·0.1: crosses at n = 4, each draw with noise 0.02.
    const diffs = Array.from({ length: 30 }, () =>
      sizes.map((n) => 0.1 * Math.log(n / 4) + 0.02 * random.normal()),
    );
    const result = bootstrapCrossing(sizes, diffs, { resamples: 500, seed: 1 });
    expect(result.estimate!).toBeGreaterThan(3.3);
    expect(result.estimate!).toBeLessThan(4.8);
    expect(result.ci95[0]).toBeLessThan(4.2);
    expect(result.ci95[1]).toBeGreaterThan(3.8);
    expect(result.crossingShare).toBe(1);
    expect(() => bootstrapCrossing(sizes, diffs.slice(0, 1))).toThrow(/1 draws/);
  });

  it("pairs differences draw by draw", () => {
    expect(pairedDifferences([[3, 4]], [[1, 1]])).toEqual([[2, 3]]);
    expect(() => pairedDifferences([[1]], [])).toThrow(/paired/);
  });

  it("gives a mean with a bootstrap interval that contains it", () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8];
    const { mean, ci95 } = bootstrapMean(values, { resamples: 1000, seed: 2 });
    expect(mean).toBe(4.5);
    expect(ci95[0]).toBeLessThan(4.5);
    expect(ci95[1]).toBeGreaterThan(4.5);
    expect(ci95[1] - ci95[0]).toBeLessThan(4);
  });
});
