import { describe, expect, it } from "vitest";
import { resolutionLimitedPoint } from "../../../src/phenomena/scaling-regimes/width-point.ts";

describe("resolutionLimitedPoint", () => {
  it("is seeded per width: the same options give the same loss, another seed another", () => {
    const a = resolutionLimitedPoint({ P: 8, S: 200, draws: 4, seed: 1 });
    expect(resolutionLimitedPoint({ P: 8, S: 200, draws: 4, seed: 1 })).toEqual(a);
    expect(resolutionLimitedPoint({ P: 8, S: 200, draws: 4, seed: 2 }).loss).not.toBe(a.loss);
    expect(a.stderr).toBeGreaterThan(0);
  });

  it("falls with width roughly as P^−α_K (resolution-limited)", () => {
    const small = resolutionLimitedPoint({ P: 4, S: 400, draws: 16 });
    const large = resolutionLimitedPoint({ P: 32, S: 400, draws: 16 });
    const slope = Math.log(large.loss / small.loss) / Math.log(8);
    expect(slope).toBeGreaterThan(-0.7);
    expect(slope).toBeLessThan(-0.3);
  });
});
