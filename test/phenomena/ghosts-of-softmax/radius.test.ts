// The measured Taylor radius of log Σ exp(z + a t): known series coefficients, the binary
// theorem (including confident samples whose other weight is e^−30), the multiclass bound, and
// named errors.
import { describe, expect, it } from "vitest";
import {
  binaryRadius,
  GhostsError,
  logPartitionTaylor,
  makeRng,
  measuredRadius,
  radiusBound,
  spread,
} from "../../../src/index.ts";

describe("logPartitionTaylor", () => {
  it("gives the series of log(1 + e^t) = log 2 + t/2 + t²/8 − t⁴/192 + …", () => {
    const g = logPartitionTaylor([0, 0], [0, 1], 6);
    expect(g[0]).toBeCloseTo(Math.log(2), 14);
    expect(g[1]).toBeCloseTo(1 / 2, 14);
    expect(g[2]).toBeCloseTo(1 / 8, 14);
    expect(g[3]).toBeCloseTo(0, 14);
    expect(g[4]).toBeCloseTo(-1 / 192, 14);
    expect(g[6]).toBeCloseTo(1 / 2880, 14);
  });

  it("keeps the linear part of the largest logit exactly", () => {
    const g = logPartitionTaylor([50, 0], [3, 1], 4);
    expect(g[0]).toBeCloseTo(50 + Math.log1p(Math.exp(-50)), 12);
    expect(g[1]).toBeCloseTo(3, 12);
  });
});

describe("measuredRadius", () => {
  it("matches √(δ² + π²)/Δ_a for two classes within 1%, confident samples included", () => {
    const rng = makeRng(5);
    for (let i = 0; i < 10; i++) {
      const z: [number, number] = [3 * rng.normal(), 3 * rng.normal()];
      const a: [number, number] = [rng.normal(), rng.normal()];
      expect(Math.abs(measuredRadius(z, a) / binaryRadius(z, a) - 1)).toBeLessThan(0.01);
    }
    const confident = measuredRadius([30, 0], [0.5, -0.5]);
    expect(Math.abs(confident / binaryRadius([30, 0], [0.5, -0.5]) - 1)).toBeLessThan(0.01);
  });

  it("is at least π/Δ_a for ten classes", () => {
    const rng = makeRng(6);
    for (let i = 0; i < 10; i++) {
      const z = Array.from({ length: 10 }, () => 3 * rng.normal());
      const a = Array.from({ length: 10 }, () => rng.normal());
      expect(measuredRadius(z, a) / radiusBound(a)).toBeGreaterThan(0.98);
    }
    expect(spread([1, -2, 0.5])).toBe(3);
  });

  it("names bad input", () => {
    expect(() => logPartitionTaylor([1, 2, 3], [1, 2], 10)).toThrow(GhostsError);
    expect(() => logPartitionTaylor([1, 2, 3], [1, 2], 10)).toThrow(
      /3 logits and 2 directional derivatives/,
    );
    expect(() => measuredRadius([0, 1], [0, 1], { order: 8 })).toThrow(/taylorRadius/);
  });
});
