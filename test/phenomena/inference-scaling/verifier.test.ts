import { describe, expect, it } from "vitest";
import {
  optimalSamples,
  resamplingAccuracy,
  resamplingCeiling,
  resamplingUtility,
  simulateResampling,
} from "../../../src/phenomena/inference-scaling/index.ts";
import { seededUniform } from "../../../src/metrics/index.ts";

// Stroebl et al. 2024, public notebook parameters.
const tasks = [
  { weight: 0.58, passRate: 0.87 },
  { weight: 0.42, passRate: 0.13 },
];
const verifier = { completeness: 1, soundness: 0.75 };

describe("resampling with an imperfect verifier", () => {
  it("reproduces the ceiling 0.716", () => {
    expect(resamplingCeiling(tasks, verifier)).toBeCloseTo(0.716, 3);
  });
  it("reproduces the optimal K = 3, 2, 1 for costs 0.7, 1, 2", () => {
    expect([0.7, 1, 2].map((c) => optimalSamples(tasks, verifier, c))).toEqual([3, 2, 1]);
  });
  it("is c·r for one try and rises to the ceiling", () => {
    expect(resamplingAccuracy(tasks, verifier, 1)).toBeCloseTo(0.58 * 0.87 + 0.42 * 0.13, 12);
    expect(resamplingAccuracy(tasks, verifier, 500)).toBeCloseTo(
      resamplingCeiling(tasks, verifier),
      9,
    );
  });
  it("has utility equal to accuracy when false positives are free", () => {
    expect(resamplingUtility(tasks, verifier, 4, 0)).toBeCloseTo(
      resamplingAccuracy(tasks, verifier, 4),
      12,
    );
  });
  it("is matched by a Monte Carlo of the procedure", () => {
    const sim = simulateResampling(tasks, verifier, 5, 20000, seededUniform(2));
    const se = Math.sqrt((sim.accuracy * (1 - sim.accuracy)) / 20000);
    expect(Math.abs(sim.accuracy - resamplingAccuracy(tasks, verifier, 5))).toBeLessThan(4 * se);
  });
});
