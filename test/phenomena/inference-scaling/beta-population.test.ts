import { describe, expect, it } from "vitest";
import {
  betaCoverage,
  betaFromTwoPoints,
  drawBetaPassRates,
  drawBinomial,
} from "../../../src/phenomena/inference-scaling/index.ts";
import { expectedCoverage, seededUniform } from "../../../src/metrics/index.ts";

describe("Beta population", () => {
  it("has coverage 1 − B(α, β + k)/B(α, β): the mean at k = 1, closed forms for α = 1", () => {
    expect(betaCoverage(0.3, 1.2, 1)).toBeCloseTo(0.3 / 1.5, 12);
    // Beta(1, β): E[(1 − p)^k] = β/(β + k).
    expect(betaCoverage(1, 2, 5)).toBeCloseTo(1 - 2 / 7, 12);
  });

  it("matches the coverage of drawn pass rates", () => {
    const ps = drawBetaPassRates(20000, 0.4, 2, seededUniform(5));
    for (const k of [1, 10, 100]) {
      expect(Math.abs(expectedCoverage(ps, k) - betaCoverage(0.4, 2, k))).toBeLessThan(0.01);
    }
  });

  it("is pinned by a mean and one more coverage point", () => {
    const { alpha, beta } = betaFromTwoPoints(0.159, 250, 0.56);
    expect(alpha / (alpha + beta)).toBeCloseTo(0.159, 12);
    expect(betaCoverage(alpha, beta, 250)).toBeCloseTo(0.56, 9);
    expect(() => betaFromTwoPoints(0.6, 250, 0.56)).toThrow(/mean < coverage/);
  });

  it("draws binomial counts with the right mean", () => {
    const u = seededUniform(3);
    let total = 0;
    for (let i = 0; i < 200; i++) total += drawBinomial(100, 0.3, u);
    expect(Math.abs(total / 200 - 30)).toBeLessThan(4 * Math.sqrt((100 * 0.3 * 0.7) / 200));
  });
});
