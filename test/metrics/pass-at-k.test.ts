import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { coverageCurve, expectedCoverage, passAtK } from "../../src/metrics/index.ts";
import { logGamma } from "../../src/metrics/beta.ts";

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

describe("passAtK", () => {
  it("matches hand-computed binomial ratios", () => {
    expect(passAtK(5, 2, 2)).toBeCloseTo(1 - 3 / 10, 14);
    expect(passAtK(10, 1, 1)).toBeCloseTo(0.1, 14);
    expect(passAtK(10, 3, 4)).toBeCloseTo(1 - 35 / 210, 14);
  });
  it("is 0 with no correct sample and 1 with all correct or when n − c < k", () => {
    expect(passAtK(100, 0, 50)).toBe(0);
    expect(passAtK(100, 100, 1)).toBe(1);
    expect(passAtK(10, 8, 3)).toBe(1);
  });
  it("rejects k > n, c > n and empty n, naming the argument", () => {
    expect(() => passAtK(5, 1, 6)).toThrow(/`k`/);
    expect(() => passAtK(5, 6, 1)).toThrow(/`c`/);
    expect(() => passAtK(0, 0, 1)).toThrow(/`n`/);
    expect(() => passAtK(5, 1, 0)).toThrow(/`k`/);
  });
  it("stays accurate at n = 1e5 with a tiny pass rate", () => {
    const n = 100_000;
    const c = 10;
    const k = 100;
    const exact = -Math.expm1(logChoose(n - c, k) - logChoose(n, k));
    expect(passAtK(n, c, k)).toBeCloseTo(exact, 10);
    expect(Math.abs(passAtK(n, 1, 1) - 1e-5) / 1e-5).toBeLessThan(1e-10);
  });
  it("is non-decreasing in k and in c", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), fc.nat(), (n, cr, kr) => {
        const c = cr % (n + 1);
        const k = (kr % n) + 1;
        const v = passAtK(n, c, k);
        if (k < n && passAtK(n, c, k + 1) < v - 1e-12) return false;
        if (c < n && passAtK(n, c + 1, k) < v - 1e-12) return false;
        return v >= 0 && v <= 1;
      }),
    );
  });
});

describe("coverageCurve", () => {
  it("averages pass@k over problems", () => {
    const curve = coverageCurve(
      [
        { n: 5, c: 2 },
        { n: 5, c: 0 },
      ],
      [1, 2],
    );
    expect(curve[0]!.coverage).toBeCloseTo(0.2, 14);
    expect(curve[1]!.coverage).toBeCloseTo(0.35, 14);
  });
  it("rejects empty problem or k lists", () => {
    expect(() => coverageCurve([], [1])).toThrow(/problems/);
    expect(() => coverageCurve([{ n: 1, c: 1 }], [])).toThrow(/ks/);
  });
  it("gives 1 − (1 − p)^k for known pass rates", () => {
    expect(expectedCoverage([0.5, 0.1], 2)).toBeCloseTo((0.75 + 0.19) / 2, 14);
    expect(() => expectedCoverage([], 1)).toThrow(/successProbabilities/);
  });
});
