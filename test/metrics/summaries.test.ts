import { describe, expect, it } from "vitest";
import {
  benchmarkHarmony,
  emergenceScore,
  largestJumpShare,
  kendall,
  pearson,
  spearman,
  ranks,
} from "../../src/metrics/index.ts";

describe("benchmarkHarmony", () => {
  it("is 1 for even accuracy, 0 when one subdomain holds it all", () => {
    expect(benchmarkHarmony([0.4, 0.4, 0.4])).toBeCloseTo(1, 14);
    expect(benchmarkHarmony([0.9, 0, 0])).toBe(0);
  });
  it("is the normalised entropy of accuracy shares", () => {
    const h = -((2 / 3) * Math.log(2 / 3) + (1 / 3) * Math.log(1 / 3)) / Math.log(2);
    expect(benchmarkHarmony([0.5, 0.25])).toBeCloseTo(h, 14);
  });
  it("rejects empty, single and all-zero inputs", () => {
    expect(() => benchmarkHarmony([])).toThrow(/subdomainAccuracies/);
    expect(() => benchmarkHarmony([0.3])).toThrow(/at least 2/);
    expect(() => benchmarkHarmony([0, 0])).toThrow(/all zero/);
  });
});

describe("emergenceScore", () => {
  it("reproduces the hand value on GPT-3-like exact-match scores", () => {
    // range 0.366 over sqrt(median(0.011², 0.057², 0.298²)) = 0.057
    expect(emergenceScore([0.002, 0.013, 0.07, 0.368])).toBeCloseTo(0.366 / 0.057, 10);
  });
  it("is negative for a falling curve and 0 for a constant one", () => {
    expect(emergenceScore([4, 3, 2, 1])).toBeCloseTo(-3, 12);
    expect(emergenceScore([1, 1, 1])).toBe(0);
    expect(() => emergenceScore([])).toThrow(/scoresByScale/);
  });
  it("measures the largest adjacent jump as a share of the total change", () => {
    expect(largestJumpShare([0, 0.1, 0.2, 1])).toBeCloseTo(0.8, 12);
  });
});

describe("correlations", () => {
  it("computes Pearson, Spearman and Kendall by hand values", () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 14);
    expect(pearson([1, 2, 3], [1, 3, 2])).toBeCloseTo(0.5, 14);
    expect(spearman([1, 2, 3, 4], [1, 10, 100, 1000])).toBeCloseTo(1, 14);
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(0.8207826816681233, 12);
    expect(kendall([1, 2, 3], [1, 3, 2])).toBeCloseTo(1 / 3, 14);
  });
  it("averages tied ranks and returns NaN for constant input", () => {
    expect(ranks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    expect(pearson([1, 2, 3], [5, 5, 5])).toBeNaN();
  });
  it("rejects mismatched lengths naming the argument", () => {
    expect(() => spearman([1, 2], [1])).toThrow(/ys/);
  });
});
