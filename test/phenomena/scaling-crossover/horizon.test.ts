import { describe, expect, it } from "vitest";
import { horizonCrossoverSweep } from "../../../src/phenomena/scaling-crossover/horizon.ts";

describe("learning-rate crossover over the training horizon", () => {
  const options = {
    P: 30,
    d: 4,
    hidden: 8,
    lrs: [0.05, 2],
    checkpoints: [16, 64, 2048],
    shortHorizon: 16,
    tuningDraws: 2,
    evalDraws: 2,
    testSize: 500,
  };

  it("picks the rate that wins the short budget and the one that wins the long one", () => {
    const sweep = horizonCrossoverSweep(options);
    const best = (i: number) =>
      sweep.lrs[
        sweep.tuning.map((row) => row[i]!).reduce((b, v, l, all) => (v < all[b]! ? l : b), 0)
      ];
    expect(sweep.lrShort).toBe(best(0));
    expect(sweep.lrLong).toBe(best(2));
    expect(sweep.short).toHaveLength(2);
    expect(sweep.long[0]).toHaveLength(3);
  });

  it("needs the short budget among the checkpoints", () => {
    expect(() => horizonCrossoverSweep({ ...options, shortHorizon: 32 })).toThrow(
      /32 is not among/,
    );
    expect(() => horizonCrossoverSweep({ ...options, evalDraws: 1 })).toThrow(/evaluation draws/);
  });
});
