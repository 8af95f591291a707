import { describe, expect, it } from "vitest";
import {
  betaQuantile,
  binomialEstimate,
  passUntil,
  passUntilEstimate,
  regularizedBeta,
  seededUniform,
  simulatePassUntil,
} from "../../src/metrics/index.ts";

function binomialTail(n: number, p: number, atLeast: number): number {
  let total = 0;
  let coef = 1;
  for (let j = 0; j <= n; j++) {
    if (j > 0) coef = (coef * (n - j + 1)) / j;
    if (j >= atLeast) total += coef * p ** j * (1 - p) ** (n - j);
  }
  return total;
}

describe("incomplete beta", () => {
  it("matches binomial tails for integer parameters", () => {
    expect(regularizedBeta(0.5, 2, 3)).toBeCloseTo(11 / 16, 12);
    expect(regularizedBeta(0.2, 3, 8)).toBeCloseTo(binomialTail(10, 0.2, 3), 12);
  });
  it("inverts to the quantile, also for tiny probabilities", () => {
    const x = betaQuantile(0.025, 3, 200_000);
    expect(regularizedBeta(x, 3, 200_000)).toBeCloseTo(0.025, 8);
    expect(x).toBeGreaterThan(1e-6);
    expect(x).toBeLessThan(1e-5);
  });
});

describe("passUntilEstimate", () => {
  it("uses (r − 1)/(K − 1) for r ≥ 2", () => {
    expect(passUntilEstimate(2, 10).estimate).toBeCloseTo(1 / 9, 14);
    expect(passUntilEstimate(3, 1001).estimate).toBeCloseTo(2 / 1000, 14);
  });
  it("has an exact interval: at its ends the negative-binomial tails equal α/2", () => {
    const e = passUntilEstimate(2, 10, 0.95);
    // P(K ≤ 10 | p_L) = P(Bin(10, p_L) ≥ 2) = 0.025 and P(K ≥ 10 | p_U) = P(Bin(9, p_U) ≤ 1) = 0.025
    expect(binomialTail(10, e.lower, 2)).toBeCloseTo(0.025, 9);
    expect(1 - binomialTail(9, e.upper, 2)).toBeCloseTo(0.025, 9);
    expect(e.lower).toBeLessThan(e.estimate);
    expect(e.upper).toBeGreaterThan(e.estimate);
  });
  it("rejects K < r", () => {
    expect(() => passUntilEstimate(3, 2)).toThrow(/draws/);
  });
  it("is unbiased for r = 3 at p = 1e-3 while 1/K with r = 1 is not", () => {
    const uniform = seededUniform(7);
    let sum3 = 0;
    let sum1 = 0;
    const runs = 4000;
    for (let i = 0; i < runs; i++) {
      sum3 += simulatePassUntil(1e-3, uniform, { r: 3, maxDraws: 1e7 }).estimate;
      sum1 += simulatePassUntil(1e-3, uniform, { r: 1, maxDraws: 1e7 }).estimate;
    }
    expect(Math.abs(sum3 / runs - 1e-3) / 1e-3).toBeLessThan(0.05);
    // E[1/K] = −p ln p/(1 − p) ≈ 6.9e-3 at p = 1e-3
    expect(sum1 / runs).toBeGreaterThan(4e-3);
  });
});

describe("passUntil", () => {
  it("stops at the r-th success of a real sampler", () => {
    const pattern = [false, false, true, false, true, true, true];
    let i = 0;
    const e = passUntil(() => pattern[i++ % pattern.length]!, { r: 3 });
    expect(e.draws).toBe(6);
    expect(e.estimate).toBeCloseTo(2 / 5, 14);
    expect(e.censored).toBe(false);
  });
  it("reports a censored binomial interval when the budget runs out", () => {
    const e = passUntil(() => false, { r: 3, maxDraws: 1000 });
    expect(e.censored).toBe(true);
    expect(e.estimate).toBe(0);
    expect(e.lower).toBe(0);
    expect(e.upper).toBeCloseTo(1 - 0.025 ** (1 / 1000), 6);
    expect(binomialEstimate(5, 5).upper).toBe(1);
  });
});
