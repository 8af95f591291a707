import { describe, expect, it } from "vitest";
import { fitCurve, FitError, powerLaw, chinchilla, bootstrap } from "../../src/fit/index.ts";

function errorOf(run: () => unknown): FitError {
  try {
    run();
  } catch (e) {
    if (e instanceof FitError) return e;
    throw e;
  }
  throw new Error("expected a FitError");
}

describe("bad input gives an error naming the problem", () => {
  const x = [1, 2, 3, 4, 5];
  const y = [1, 0.7, 0.6, 0.5, 0.45];

  it("NaN in y, with its index", () => {
    const e = errorOf(() => fitCurve({ model: powerLaw, x, y: [1, 0.7, NaN, 0.5, 0.45] }));
    expect(e.message).toMatch(/index 2 is NaN/);
    expect(e.where).toMatch(/y/);
  });

  it("NaN in an input", () => {
    const e = errorOf(() => fitCurve({ model: powerLaw, x: [1, 2, 3, NaN, 5], y }));
    expect(e.message).toMatch(/index 3 is NaN/);
    expect(e.where).toMatch(/x\.x/);
  });

  it("mismatched lengths", () => {
    const e = errorOf(() =>
      fitCurve({
        model: chinchilla,
        x: { N: [1, 2, 3, 4, 5, 6], D: [1, 2, 3, 4, 5] },
        y: [1, 2, 3, 4, 5],
      }),
    );
    expect(e.message).toMatch(/x\.N has 6 values but y has 5/);
  });

  it("an input the expression does not use (a misspelt input would become a parameter)", () => {
    const e = errorOf(() =>
      fitCurve({ model: "E + A * Q^(-alpha)", x: { N: x }, y, init: { E: 0.1, A: 1, alpha: 0.5 } }),
    );
    expect(e.message).toMatch(/input "N" is not used by the model/);
    expect(e.message).toMatch(/Q/);
    expect(e.expected).toMatch(/N/);
  });

  it("infers an expression's parameters and starts those without init at 1 (curve_fit's default)", () => {
    const xs = [1, 2, 4, 8, 16, 32];
    const ys = xs.map((v) => 0.5 + 3 * v ** -0.7);
    const fit = fitCurve({ model: "E + A * x^(-alpha)", x: xs, y: ys });
    expect(Object.keys(fit.params).sort()).toEqual(["A", "E", "alpha"]);
    expect(fit.params.E).toBeCloseTo(0.5, 4);
    expect(fit.params.A).toBeCloseTo(3, 3);
    expect(fit.params.alpha).toBeCloseTo(0.7, 3);
  });

  it("an expression with nothing to fit", () => {
    const e = errorOf(() => fitCurve({ model: "2 * x", x, y }));
    expect(e.message).toMatch(/has no parameters/);
  });

  it("an unknown function in an expression", () => {
    const e = errorOf(() => fitCurve({ model: "A * gamma(x)", x, y, init: { A: 1 } }));
    expect(e.message).toMatch(/unknown function "gamma"/);
  });

  it("a non-positive value in log space", () => {
    const e = errorOf(() => fitCurve({ model: powerLaw, x, y: [1, 0.7, 0, 0.5, 0.45] }));
    expect(e.message).toMatch(/y\[2\] = 0 is not positive/);
    expect(e.expected).toMatch(/space: "linear"/);
  });

  it("a non-positive start for a scale parameter", () => {
    const e = errorOf(() => fitCurve({ model: powerLaw, x, y, init: { A: -1 } }));
    expect(e.message).toMatch(/init\.A = -1/);
  });

  it("a parameter name the form does not have", () => {
    const e = errorOf(() => fitCurve({ model: powerLaw, x, y, bounds: { beta: [0, 1] } }));
    expect(e.message).toMatch(/unknown parameter "beta"/);
  });

  it("one array for a form with two inputs", () => {
    const e = errorOf(() => fitCurve({ model: chinchilla, x, y }));
    expect(e.message).toMatch(/needs inputs N, D/);
  });

  it("bootstrap groups of the wrong length", () => {
    const e = errorOf(() =>
      bootstrap({ model: powerLaw, x, y }, { resamples: 10, groups: [1, 2] }),
    );
    expect(e.message).toMatch(/groups has 2 labels but y has 5/);
  });
});
