import { describe, expect, it } from "vitest";
import {
  coverageStudy,
  drawBetaPassRates,
  logSpacedKs,
} from "../../../src/phenomena/inference-scaling/index.ts";
import { expectedCoverage, seededUniform } from "../../../src/metrics/index.ts";

describe("coverageStudy", () => {
  it("samples, estimates and fits one population, with the three diagnostics", () => {
    const ps = drawBetaPassRates(400, 0.3, 2, seededUniform(4));
    const ks = logSpacedKs(12, 1000);
    const study = coverageStudy(ps, { samplesPerProblem: 1000, ks, uniform: seededUniform(5) });
    expect(study.samples).toHaveLength(400);
    expect(study.coverage.map((p) => p.k)).toEqual(ks);
    // The estimate is close to the exact coverage of the drawn pass rates (1,000 samples each).
    expect(study.law.a).toBeLessThan(0);
    expect(study.law.b).toBeLessThan(0);
    for (const p of study.coverage)
      expect(Math.abs(p.coverage - expectedCoverage(ps, p.k))).toBeLessThan(0.01);
    expect(study.miss.miss).toBeCloseTo(
      Math.max(...study.coverage.map((p) => Math.abs(study.law.predict(p.k) - p.coverage))),
      12,
    );
    expect(study.exactMiss.miss).toBeGreaterThanOrEqual(0);
    expect(study.shortMiss.k).toBeLessThanOrEqual(250);
    expect(study.linearisedMiss.miss).toBeGreaterThan(0);
  });

  it("is exact when every problem has the same pass rate: coverage 1 − (1 − p)^k up to sampling", () => {
    const study = coverageStudy(Array(300).fill(0.05), {
      samplesPerProblem: 2000,
      ks: [1, 10, 100],
      uniform: seededUniform(1),
    });
    expect(study.coverage[0]!.coverage).toBeCloseTo(0.05, 2);
    expect(study.coverage[1]!.coverage).toBeCloseTo(1 - 0.95 ** 10, 2);
  });
});
