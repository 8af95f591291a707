import { describe, expect, it } from "vitest";
import {
  equivalentSize,
  equivalentSizeInterval,
  pairedDifference,
  repeatedDataLosses,
} from "../../../src/phenomena/repeated-data/index.ts";

describe("repeated data losses", () => {
  it("is deterministic per seed and pairs every r on the same draws", () => {
    const opts = { seed: 3, fraction: 0.2, repeats: [1, 8, 80], P: 20, N: 400, test: 200 };
    const a = repeatedDataLosses(opts);
    expect(repeatedDataLosses(opts)).toEqual(a);
    expect(a.every((l) => l > 0 && Number.isFinite(l))).toBe(true);
    // r = 1 does not depend on the other repeat counts asked for.
    expect(repeatedDataLosses({ ...opts, repeats: [1] })[0]).toBe(a[0]);
  });

  it("names a bad fraction or repeat count", () => {
    expect(() => repeatedDataLosses({ seed: 1, fraction: 1, repeats: [1] })).toThrow(
      /fraction = 1/,
    );
    expect(() => repeatedDataLosses({ seed: 1, fraction: 0.01, repeats: [1000], N: 400 })).toThrow(
      /repeat count 1000/,
    );
  });
});

describe("reading a sweep", () => {
  it("gives the mean and standard error of paired differences", () => {
    const d = pairedDifference([2, 3, 4], [1, 1, 1]);
    expect(d.mean).toBeCloseTo(2);
    expect(d.se).toBeCloseTo(1 / Math.sqrt(3));
  });

  it("interpolates the equivalent size in log size and clamps outside the sweep", () => {
    expect(equivalentSize([100, 400], [2, 1], 1.5)).toBeCloseTo(200);
    expect(equivalentSize([100, 400], [2, 1], 3)).toBe(100);
    expect(equivalentSize([100, 400], [2, 1], 0.5)).toBe(400);
    const e = equivalentSizeInterval(
      [100, 400],
      [
        [2, 2],
        [1, 1],
      ],
      [1.5, 1.5],
      { seed: 1 },
    );
    expect(e.size).toBeCloseTo(200);
    expect(e.ci95[0]).toBeCloseTo(200);
  });
});
