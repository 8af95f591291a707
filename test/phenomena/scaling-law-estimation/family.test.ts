import { describe, expect, it } from "vitest";
import {
  checkpointSteps,
  compareExtrapolation,
  syntheticRuns,
  trainFamily,
  hoffmann2022,
  chinchillaLoss,
} from "../../../src/phenomena/scaling-law-estimation/index.ts";

describe("model family for scaling-law estimation", () => {
  it("checkpoints are geometric and end at the budget", () => {
    expect(checkpointSteps(64)).toEqual([16, 23, 32, 45, 64]);
    expect(checkpointSteps(100).at(-1)).toBe(100);
  });

  const family = trainFamily({ sizes: [4, 8, 16, 32], budgets: [128, 512], S: 200, seed: 2 });

  it("trains every size × budget run, one final checkpoint each", () => {
    expect(new Set(family.map((c) => c.run)).size).toBe(8);
    expect(family.filter((c) => c.final).length).toBe(8);
    expect(trainFamily({ sizes: [4, 8, 16, 32], budgets: [128, 512], S: 200, seed: 2 })).toEqual(
      family,
    );
  });

  it("bigger models trained longer reach lower loss, above the noise floor", () => {
    const final = (N: number, budget: number) =>
      family.find((c) => c.final && c.N === N && c.budget === budget)!.loss;
    expect(final(16, 512)).toBeLessThan(final(4, 512));
    expect(final(16, 512)).toBeLessThan(final(16, 128));
    for (const c of family) expect(c.loss).toBeGreaterThan(0.25);
  });

  it("the extrapolation comparison predicts the largest model's last 30%", () => {
    const comparison = compareExtrapolation(family, { dropBelow: 32 });
    expect(comparison.target.every((c) => c.N === 32 && c.budget === 512 && c.D >= 0.7 * 512)).toBe(
      true,
    );
    expect(comparison.finals.trainingPoints).toBe(6);
    expect(comparison.checkpoints.predictions.length).toBe(comparison.target.length);
  });

  it("synthetic runs follow the given law up to the noise", () => {
    const runs = syntheticRuns(hoffmann2022, { count: 50, noise: 0, seed: 1 });
    runs.N.forEach((N, i) =>
      expect(runs.loss[i]).toBeCloseTo(chinchillaLoss(hoffmann2022, N, runs.D[i]!), 12),
    );
  });
});
