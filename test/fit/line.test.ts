import { describe, expect, it } from "vitest";
import { FitError, fitLine } from "../../src/fit/index.ts";

describe("fitLine", () => {
  it("fits a line exactly", () => {
    const line = fitLine([0, 1, 2], [1, 3, 5]);
    expect(line.slope).toBeCloseTo(2, 12);
    expect(line.intercept).toBeCloseTo(1, 12);
    expect(line.r2).toBeCloseTo(1, 12);
  });

  it("gives the least-squares line and R² of noisy points", () => {
    // y = 1 + x with residuals +1, −1, −1, +1: slope 1, intercept 1, R² = 5/9.
    const line = fitLine([0, 1, 2, 3], [2, 1, 2, 5]);
    expect(line.slope).toBeCloseTo(1, 12);
    expect(line.intercept).toBeCloseTo(1, 12);
    expect(line.r2).toBeCloseTo(5 / 9, 12);
  });

  it("rejects too few or unpaired points with a FitError", () => {
    expect(() => fitLine([1], [1])).toThrow(FitError);
    expect(() => fitLine([1, 2, 3], [1, 2])).toThrow(
      /fitLine: 3 xs and 2 ys \(expected ≥ 2 paired points\)/,
    );
  });
});
