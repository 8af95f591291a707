import { describe, expect, it } from "vitest";
import { rng } from "../../../src/data/random.ts";
import {
  makeTask,
  sampleTask,
  testError,
  testMoments,
} from "../../../src/phenomena/scaling-crossover/task.ts";
import { CrossoverError } from "../../../src/phenomena/scaling-crossover/errors.ts";

describe("random-features regression task", () => {
  const random = rng(5);
  const task = makeTask({ d: 6, P: 30, hidden: 12, noise: 0.5 }, random);

  it("features are ReLU(Wx)/√P and labels are the teacher plus noise of the given size", () => {
    const sample = sampleTask(task, 4000, random);
    expect(sample.features.length).toBe(4000 * 30);
    expect(Math.min(...sample.features)).toBe(0);
    let sq = 0;
    for (let s = 0; s < sample.n; s++) sq += (sample.y[s]! - sample.f[s]!) ** 2;
    expect(Math.sqrt(sq / sample.n)).toBeCloseTo(0.5, 1);
  });

  it("the zero readout scores E[f²], and the score is a convex quadratic in w", () => {
    const moments = testMoments(task, 2000, random);
    expect(testError(moments, new Float64Array(30))).toBeCloseTo(moments.c, 12);
    const u = Float64Array.from({ length: 30 }, () => random.normal());
    const v = Float64Array.from({ length: 30 }, () => random.normal());
    const mid = u.map((x, i) => 0.5 * (x + v[i]!));
    expect(testError(moments, mid)).toBeLessThanOrEqual(
      0.5 * (testError(moments, u) + testError(moments, v)) + 1e-12,
    );
  });

  it("scores a readout as the mean squared error against the clean targets of the test draw", () => {
    const a = rng(9);
    const b = rng(9);
    const moments = testMoments(task, 500, a);
    const draw = sampleTask(task, 500, b); // the same inputs testMoments drew
    const w = Float64Array.from({ length: 30 }, (_, i) => Math.sin(i));
    let mse = 0;
    for (let s = 0; s < 500; s++) {
      let pred = 0;
      for (let p = 0; p < 30; p++) pred += draw.features[s * 30 + p]! * w[p]!;
      mse += (pred - draw.f[s]!) ** 2 / 500;
    }
    expect(testError(moments, w)).toBeCloseTo(mse, 9);
  });

  it("rejects impossible settings by name", () => {
    expect(() => makeTask({ P: 0 }, random)).toThrow(CrossoverError);
    expect(() => makeTask({ noise: -1 }, random)).toThrow(/noise/);
    expect(() => sampleTask(task, 1.5, random)).toThrow(/n = 1.5/);
    expect(() => testError(testMoments(task, 10, random), new Float64Array(3))).toThrow(
      /3 weights/,
    );
  });
});
