// Directional derivatives, one-step sweeps and the spike test's controller on small problems:
// the JVP of a linear model is exact, a sweep leaves the model untouched, and the controller's
// applied step never exceeds ρ_a.
import { describe, expect, it } from "vitest";
import {
  blobs,
  collapseOnset,
  directionalDerivatives,
  linearClassifier,
  logGrid,
  mlpLnClassifier,
  randomDirection,
  spikeRun,
  stepSweep,
} from "../../../src/index.ts";

describe("directional derivatives and sweeps", () => {
  const data = blobs({ n: 60, d: 6, classes: 3, seed: 2, testShare: 0 });
  const model = linearClassifier(6, 3, 1);

  it("a = X·V_W + V_b for a linear model", () => {
    const v = randomDirection(model, 4);
    const a = directionalDerivatives(model, data.x, v);
    const [VW, Vb] = v as [Float64Array, Float64Array];
    for (let i = 0; i < 60; i++)
      for (let k = 0; k < 3; k++) {
        let expected = Vb[k]!;
        for (let j = 0; j < 6; j++) expected += data.x.data[i * 6 + j]! * VW[j * 3 + k]!;
        expect(a[i * 3 + k]).toBeCloseTo(expected, 8);
      }
  });

  it("a sweep restores the parameters and starts from the model's own accuracy", () => {
    const before = model.params.map((p) => Array.from(p.data));
    const sweep = stepSweep(
      model,
      data.x,
      data.labels,
      randomDirection(model, 5),
      logGrid(-1, 2, 7),
    );
    expect(model.params.map((p) => Array.from(p.data))).toEqual(before);
    expect(sweep.points.map((p) => p.r)[4]).toBeCloseTo(10, 12);
    expect(sweep.rho).toBeGreaterThan(0);
    expect(collapseOnset({ ...sweep, accuracy0: 2 })).toBe(sweep.points[0]!.r);
  });
});

describe("spikeRun", () => {
  const data = blobs({ n: 80, d: 8, classes: 3, spread: 0.8, seed: 3 });
  it("the controller applies steps no longer than ρ_a; plain Adam takes the spiked step", () => {
    const options = { steps: 12, spikeAt: 6, spikeFactor: 1e4, baseLr: 0.01 };
    const ctrl = spikeRun(mlpLnClassifier(8, 3, 1), data, { ...options, treatment: "controller" });
    ctrl.tau.forEach((tau, t) => expect(tau).toBeLessThanOrEqual(ctrl.rho[t]! * (1 + 1e-12)));
    const plain = spikeRun(mlpLnClassifier(8, 3, 1), data, { ...options, treatment: "plain" });
    expect(plain.tau[6]! / plain.tau[5]!).toBeGreaterThan(1e3);
    expect(plain.rho.every(Number.isNaN)).toBe(true);
    expect(plain.testAccuracy).toHaveLength(12);
  });
});
