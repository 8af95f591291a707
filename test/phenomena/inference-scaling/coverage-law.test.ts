import { describe, expect, it } from "vitest";
import {
  InferenceScalingError,
  failureExponent,
  fitCoverageLaw,
  largestMiss,
  logSpacedKs,
} from "../../../src/phenomena/inference-scaling/index.ts";

const law = (a: number, b: number) => (k: number) => Math.exp(a * k ** b);

describe("coverage law", () => {
  it("recovers an exact exponentiated power law", () => {
    const points = [1, 3, 10, 30, 100, 300].map((k) => ({ k, coverage: law(-2, -0.4)(k) }));
    const fit = fitCoverageLaw(points);
    expect(fit.a).toBeCloseTo(-2, 6);
    expect(fit.b).toBeCloseTo(-0.4, 6);
    expect(fit.linearised.a).toBeCloseTo(-2, 9);
    expect(fit.r2).toBeCloseTo(1, 12);
    expect(fit.predict(1000)).toBeCloseTo(law(-2, -0.4)(1000), 6);
  });

  it("minimises the squared coverage error, not the linearised one", () => {
    // A curve that is not an exponentiated power law: the coverage-space fit must have the
    // smaller sum of squared coverage errors, and differ from the linearised start.
    const points = logSpacedKs(40, 10000).map((k) => ({
      k,
      coverage: 1 - 0.7 / (1 + k) ** 0.15 - 0.15 / (1 + k),
    }));
    const fit = fitCoverageLaw(points);
    const sse = (predict: (k: number) => number) =>
      points.reduce((s, p) => s + (predict(p.k) - p.coverage) ** 2, 0);
    const linearised = law(fit.linearised.a, fit.linearised.b);
    expect(sse(fit.predict)).toBeLessThan(sse(linearised));
    expect(Math.abs(fit.b - fit.linearised.b)).toBeGreaterThan(1e-4);
  });

  it("rejects curves without two usable points", () => {
    expect(() =>
      fitCoverageLaw([
        { k: 1, coverage: 0.5 },
        { k: 2, coverage: 1 },
      ]),
    ).toThrow(InferenceScalingError);
  });

  it("spreads k evenly on a log scale, keeping repeats", () => {
    const ks = logSpacedKs(40, 10000);
    expect(ks).toHaveLength(40);
    expect(ks[0]).toBe(1);
    expect(ks[39]).toBe(10000);
    expect(ks[1]).toBe(1); // 10^(4/39) ≈ 1.27 rounds to 1: the repeat keeps its weight
    expect(ks.every((k, i) => i === 0 || k >= ks[i - 1]!)).toBe(true);
    expect(() => logSpacedKs(1, 100)).toThrow(/count/);
  });

  it("finds the largest miss and where it is", () => {
    const points = [
      { k: 1, coverage: 0.2 },
      { k: 10, coverage: 0.5 },
      { k: 100, coverage: 0.9 },
    ];
    expect(
      largestMiss(points, (k) => (k === 10 ? 0.46 : points.find((p) => p.k === k)!.coverage)),
    ).toEqual({ miss: expect.closeTo(0.04, 12), k: 10 });
  });

  it("reads the failure exponent off a pure power-law tail", () => {
    const points = [10, 100, 1000].map((k) => ({ k, coverage: 1 - 0.5 * k ** -0.3 }));
    expect(failureExponent(points)).toBeCloseTo(-0.3, 12);
  });
});
