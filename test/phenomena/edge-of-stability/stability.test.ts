// The edge-of-stability testbed: teacher data, a short run's bookkeeping against direct
// measurements, and the summaries (reach, late ratio, loss increases, matched-loss comparison)
// on hand-made runs whose answers are known.
import { describe, expect, it } from "vitest";
import {
  halfSquaredLoss,
  runDescent,
  sharpness,
  sharpnessAtMatchedLoss,
  stabilitySummary,
  tanhMlp,
  teacherData,
  type DescentRun,
} from "../../../src/index.ts";

describe("teacherData", () => {
  it("gives one-hot targets of the teacher's labels, the same for the same seed", () => {
    const a = teacherData({ n: 40, d: 5, classes: 4, teacherWidth: 7, seed: 3 });
    const b = teacherData({ n: 40, d: 5, classes: 4, teacherWidth: 7, seed: 3 });
    expect(Array.from(a.x.data)).toEqual(Array.from(b.x.data));
    for (let i = 0; i < 40; i++) {
      const row = Array.from(a.y.data.subarray(i * 4, i * 4 + 4));
      expect(row.reduce((s, v) => s + v, 0)).toBe(1);
      expect(row[a.labels[i]!]).toBe(1);
    }
    expect(new Set(a.labels).size).toBeGreaterThan(1);
  });
});

describe("runDescent", () => {
  const data = teacherData({ n: 30, d: 4, classes: 3, teacherWidth: 5, seed: 1 });
  const options = { eta: 0.05, steps: 20, every: 10, sizes: [4, 8, 3], seed: 2 };

  it("records the loss before every GD step and λ_max at checkpoints, as measured directly", () => {
    const run = runDescent(data, options);
    expect(run.losses).toHaveLength(21);
    expect(run.checkpoints.map((c) => c.step)).toEqual([0, 10, 20]);
    const net = tanhMlp(options.sizes, options.seed);
    const loss = () => halfSquaredLoss(net, data.x, data.y);
    expect(run.losses[0]).toBeCloseTo(loss().item(), 12);
    const direct = sharpness(loss, net.params, { iters: 200, tol: 1e-10 });
    expect(Math.abs(run.checkpoints[0]!.sharpness / direct.value - 1)).toBeLessThan(1e-2);
    expect(run.losses[20]!).toBeLessThan(run.losses[0]!); // a small step size descends
  });

  it("SGD records full-batch losses at checkpoints only and draws batches by its seed", () => {
    const a = runDescent(data, { ...options, batch: 5 });
    const b = runDescent(data, { ...options, batch: 5 });
    expect(a.batch).toBe(5);
    expect(a.losses).toHaveLength(3);
    expect(a.losses).toEqual(b.losses);
  });
});

const fakeRun = (
  eta: number,
  losses: number[],
  points: [number, number, number][],
): DescentRun => ({
  eta,
  batch: 10,
  losses,
  checkpoints: points.map(([step, loss, s]) => ({ step, loss, sharpness: s })),
  hvps: 0,
});

describe("stabilitySummary", () => {
  it("finds the first checkpoint at 0.95·2/η, the late mean after it, and counts loss increases", () => {
    const run = fakeRun(
      0.2,
      [1, 0.9, 0.95, 0.8, 0.85, 0.7],
      [
        [0, 1, 3],
        [2, 0.95, 9.6],
        [4, 0.85, 10.4],
        [5, 0.7, 9.8],
      ],
    );
    const s = stabilitySummary(run);
    expect(s.threshold).toBe(10);
    expect(s.initial).toBe(3);
    expect(s.reached?.step).toBe(2);
    expect(s.lateRatio).toBeCloseTo((1.04 + 0.98) / 2, 12);
    expect(s.maxRatio).toBeCloseTo(1.04, 12);
    expect(s.increases).toBe(2);
    expect(s.steps).toBe(5);
  });

  it("reports a run that never reaches the threshold", () => {
    const s = stabilitySummary(
      fakeRun(
        0.1,
        [1, 0.5],
        [
          [0, 1, 3],
          [1, 0.5, 4],
        ],
      ),
    );
    expect(s.reached).toBeNull();
    expect(s.lateRatio).toBeNaN();
  });
});

describe("sharpnessAtMatchedLoss", () => {
  it("compares each run where its loss first reaches the least-trained run's final loss", () => {
    const slow = fakeRun(
      0.2,
      [],
      [
        [0, 1, 2],
        [100, 0.5, 3],
        [200, 0.3, 4],
      ],
    );
    const fast = fakeRun(
      0.2,
      [],
      [
        [0, 1, 2],
        [100, 0.25, 9],
        [200, 0.1, 10],
        [300, 0.05, 10],
      ],
    );
    const m = sharpnessAtMatchedLoss([slow, fast], { window: 2 });
    expect(m.loss).toBe(0.3);
    expect(m.runs[0]!.checkpoint.step).toBe(200);
    expect(m.runs[0]!.ratio).toBeCloseTo(0.4, 12);
    expect(m.runs[1]!.checkpoint.step).toBe(100);
    expect(m.runs[1]!.ratio).toBeCloseTo((0.9 + 1) / 2, 12);
    expect(m.runs[1]!.finalRatio).toBeCloseTo(1, 12);
  });
});
