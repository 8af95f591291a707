import { describe, expect, it } from "vitest";
import { heldOut, saturatingPowerLaw, FitError } from "../../src/fit/index.ts";
import { logspace, withNoise } from "./synthetic.ts";

describe("heldOut", () => {
  const x = logspace(1, 1e4, 30);
  const truth = (v: number) => 2 + 5 * v ** -0.3;

  it("predicts the held-out tail of noise-free data exactly", () => {
    const result = heldOut({ model: saturatingPowerLaw, x, y: x.map(truth) }, (p) => p.x! > 1e3);
    expect(result.heldOutIndices.length).toBe(8);
    expect(result.mape).toBeLessThan(1e-6);
    expect(result.predictions[0]).toBeCloseTo(truth(x[22]!), 6);
  });

  it("reports mean and max relative error, as fractions, on noisy data", () => {
    const y = withNoise(x.map(truth), 0.01, 2);
    const split = x.map((v) => v > 1e3);
    const result = heldOut({ model: saturatingPowerLaw, x, y }, split);
    expect(result.mape).toBeGreaterThan(0);
    expect(result.mape).toBeLessThan(0.05);
    expect(result.maxAbsRelError).toBeGreaterThanOrEqual(result.mape);
  });

  it("rejects a split of the wrong length", () => {
    expect(() => heldOut({ model: saturatingPowerLaw, x, y: x.map(truth) }, [true])).toThrow(
      FitError,
    );
  });
});
