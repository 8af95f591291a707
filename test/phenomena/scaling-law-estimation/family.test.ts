import { describe, expect, it } from "vitest";
import {
  checkpointSteps,
  compareExtrapolation,
  syntheticRuns,
  trainFamily,
  hoffmann2022,
  chinchillaLoss,
} from "../../../src/phenomena/scaling-law-estimation/index.ts";
import { EstimationError } from "../../../src/phenomena/scaling-law-estimation/errors.ts";

describe("model family for scaling-law estimation", () => {
  it("checkpoints are geometric by default, linear on request, and end at the budget", () => {
    expect(checkpointSteps(64)).toEqual([16, 23, 32, 45, 64]);
    expect(checkpointSteps(100).at(-1)).toBe(100);
    expect(checkpointSteps(512, 128)).toEqual([128, 256, 384, 512]);
    expect(checkpointSteps(300, 128)).toEqual([128, 256, 300]);
  });

  const options = {
    sizes: [4, 8, 16, 32],
    budgets: [128, 512],
    S: 200,
    seed: 2,
    checkpointEvery: 32,
  };
  const family = trainFamily(options);
  const final = (N: number, budget: number) =>
    family.find((c) => c.final && c.N === N && c.budget === budget)!.loss;

  it("trains every size × budget run with linear checkpoints, one final each, reproducibly", () => {
    expect(new Set(family.map((c) => c.run)).size).toBe(8);
    expect(family.filter((c) => c.final).length).toBe(8);
    expect(family.filter((c) => c.run === "P8-D512").map((c) => c.D)).toEqual(
      checkpointSteps(512, 32),
    );
    expect(trainFamily(options)).toEqual(family);
  });

  it("spectral students form a family: loss falls with size and with tokens", () => {
    for (const budget of [128, 512])
      for (let i = 1; i < options.sizes.length; i++)
        expect(final(options.sizes[i]!, budget)).toBeLessThan(final(options.sizes[i - 1]!, budget));
    for (const N of options.sizes) expect(final(N, 512)).toBeLessThan(final(N, 128));
  });

  it("no student beats noise plus the teacher's power beyond its P directions", () => {
    // Unit teacher, spectral features: the best P-parameter student leaves Σ_{k>P} λ_k unexplained.
    const floor = (P: number) => {
      let tail = 0;
      for (let k = P + 1; k <= options.S; k++) tail += Math.pow(k, -1.5);
      return 0.25 + tail;
    };
    for (const c of family) expect(c.loss).toBeGreaterThan(floor(c.N));
    // …and the smallest model, long trained, comes close to it.
    expect(final(4, 512) / floor(4)).toBeLessThan(1.1);
  });

  it("random-projection students and a Gaussian teacher are available and differ", () => {
    const random = trainFamily({ ...options, features: "random", teacher: "gaussian" });
    expect(random.length).toBe(family.length);
    expect(random.map((c) => c.loss)).not.toEqual(family.map((c) => c.loss));
  });

  it("rejects a size beyond the teacher's latent features", () => {
    expect(() => trainFamily({ ...options, sizes: [4, 300] })).toThrow(EstimationError);
    expect(() => trainFamily({ ...options, sizes: [4, 300] })).toThrow(/trainFamily\(sizes\)/);
  });

  it("the extrapolation comparison follows Choshen et al.'s protocol", () => {
    const comparison = compareExtrapolation(family, { dropBelow: 64 });
    expect(comparison.target.length).toBeGreaterThan(0);
    expect(comparison.target.every((c) => c.N === 32 && c.budget === 512 && c.D >= 0.7 * 512)).toBe(
      true,
    );
    // Final losses of the smaller runs only; checkpoints of the smaller runs after D = 64.
    expect(comparison.finals.trainingPoints).toBe(6);
    expect(comparison.checkpoints.trainingPoints).toBe(
      family.filter((c) => c.N < 32 && c.D > 64).length,
    );
    expect(comparison.checkpoints.predictions.length).toBe(comparison.target.length);
  });

  it("synthetic runs follow the given law up to the noise", () => {
    const runs = syntheticRuns(hoffmann2022, { count: 50, noise: 0, seed: 1 });
    runs.N.forEach((N, i) =>
      expect(runs.loss[i]).toBeCloseTo(chinchillaLoss(hoffmann2022, N, runs.D[i]!), 12),
    );
  });
});
