import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatNumber } from "../../src/display/format.ts";

describe("formatNumber", () => {
  it.each([
    [0.1 + 0.2, "0.3"],
    [0.123456, "0.1235"],
    [123.456, "123.5"],
    [1234567.8, "1.235e+6"],
    [2.5e-7, "2.5e-7"],
    [0.001234, "0.001234"],
    [-0, "0"],
    [42, "42"],
    [123456789, "123456789"],
    [Number.NaN, "NaN"],
    [-Infinity, "-Infinity"],
    [99999.95, "100000"],
  ])("%s → %s", (x, text) => {
    expect(formatNumber(x)).toBe(text);
  });

  it("honours the digits argument", () => {
    expect(formatNumber(Math.PI, 2)).toBe("3.1");
    expect(formatNumber(Math.PI, 8)).toBe("3.1415927");
  });

  it("hides float noise: x and x(1 + 1e-12) print the same for most x", () => {
    let same = 0;
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e5, noNaN: true }), (x) => {
        if (formatNumber(x) === formatNumber(x * (1 + 1e-12))) same++;
        expect(Math.abs(Number(formatNumber(x)) - x)).toBeLessThanOrEqual(5.0001e-4 * x);
      }),
      { seed: 11, numRuns: 500 },
    );
    expect(same).toBeGreaterThan(495);
  });
});
