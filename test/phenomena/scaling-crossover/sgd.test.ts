import { describe, expect, it } from "vitest";
import { rng } from "../../../src/data/random.ts";
import { sgdCurve } from "../../../src/phenomena/scaling-crossover/sgd.ts";
import { makeTask, testMoments } from "../../../src/phenomena/scaling-crossover/task.ts";

describe("online SGD on the random-features task", () => {
  const random = rng(21);
  const task = makeTask({ d: 5, P: 40, hidden: 10 }, random);
  const moments = testMoments(task, 2000, random);
  const checkpoints = [16, 256, 4096];

  it("lowers the test error from the zero readout's, and replays exactly from the same stream", () => {
    const curve = sgdCurve(task, moments, { lr: 0.25, checkpoints }, rng(1));
    expect(curve).toHaveLength(3);
    expect(curve[2]!).toBeLessThan(curve[0]!);
    expect(curve[2]!).toBeLessThan(moments.c);
    expect(sgdCurve(task, moments, { lr: 0.25, checkpoints }, rng(1))).toEqual(curve);
  });

  it("a higher constant rate is ahead early and behind late (its noise floor is higher)", () => {
    const mean = (lr: number) => {
      const sum = [0, 0, 0];
      for (let s = 0; s < 6; s++)
        sgdCurve(task, moments, { lr, checkpoints }, rng(100 + s)).forEach(
          (e, i) => (sum[i]! += e / 6),
        );
      return sum;
    };
    const high = mean(2);
    const low = mean(0.05);
    expect(high[0]!).toBeLessThan(low[0]!);
    expect(high[2]!).toBeGreaterThan(low[2]!);
  });

  it("a batch of B averages B per-sample gradients", () => {
    const one = sgdCurve(task, moments, { lr: 0.1, batch: 4, checkpoints: [1] }, rng(3));
    expect(one[0]).toBeLessThan(moments.c);
    expect(() => sgdCurve(task, moments, { lr: 0, checkpoints }, rng(1))).toThrow(/lr = 0/);
    expect(() => sgdCurve(task, moments, { lr: 1, batch: 0, checkpoints }, rng(1))).toThrow(
      /batch/,
    );
    expect(() => sgdCurve(task, moments, { lr: 1, checkpoints: [4, 2] }, rng(1))).toThrow(
      /increasing/,
    );
  });
});
