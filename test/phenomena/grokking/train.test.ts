// runGrokking on tiny configs (p = 7–11, width 16, ≤ 300 steps): records on the schedule,
// determinism, early stop, and the floating-point facts the notebook builds on.
import { describe, expect, it } from "vitest";
import { runGrokking } from "../../../src/phenomena/grokking/train.ts";
import { recordSteps } from "../../../src/phenomena/grokking/schedule.ts";

const tiny = { p: 7, width: 16, trainFraction: 0.6, lr: 0.03, recordsPerDecade: 10 };

describe("runGrokking", () => {
  it("records on the schedule and fits the training set", () => {
    const run = runGrokking({ ...tiny, steps: 120 });
    expect(run.records.map((r) => r.step)).toEqual(recordSteps(120, 10));
    expect(run.stepsTaken).toBe(120);
    expect(run.trainSize + run.testSize).toBe(49);
    expect(run.records[0]!.trainAccuracy).toBeLessThan(0.5);
    expect(run.records.at(-1)!.trainAccuracy).toBe(1);
    expect(run.records.at(-1)!.logitNorm).toBeGreaterThan(10 * run.records[0]!.logitNorm);
  });

  it("is deterministic for a seed and changes with it", () => {
    const a = runGrokking({ ...tiny, steps: 40 });
    const b = runGrokking({ ...tiny, steps: 40 });
    const c = runGrokking({ ...tiny, steps: 40, seed: 5 });
    expect(b.records).toEqual(a.records);
    expect(c.records.at(-1)!.trainLoss).not.toBe(a.records.at(-1)!.trainLoss);
  });

  it("stops at the first record where stopWhen holds, and reports each step", () => {
    const steps: number[] = [];
    const run = runGrokking(
      { ...tiny, steps: 300, stopWhen: (r) => r.trainAccuracy === 1 },
      { onStep: (s) => steps.push(s) },
    );
    expect(run.stoppedEarly).toBe(true);
    const last = run.records.at(-1)!;
    expect(last.trainAccuracy).toBe(1);
    expect(run.records.slice(0, -1).every((r) => r.trainAccuracy < 1)).toBe(true);
    expect(run.stepsTaken).toBe(last.step);
    expect(steps.at(-1)).toBe(last.step);
  });

  it("in float16 a loss is exactly 0 only past a margin of 11·ln 2, and always past 11·ln 2 + ln(p − 1)", () => {
    const run = runGrokking({ ...tiny, steps: 150, lossDtype: "f16" });
    const collapsed = run.records.filter((r) => r.zeroLossMinMargin !== null);
    expect(collapsed.length).toBeGreaterThan(0);
    for (const r of collapsed)
      expect(r.zeroLossMinMargin!).toBeGreaterThanOrEqual(11 * Math.LN2 - 0.01);
    for (const r of run.records)
      if (r.positiveLossMaxMargin !== null)
        expect(r.positiveLossMaxMargin).toBeLessThanOrEqual(11 * Math.LN2 + Math.log(6) + 0.01);
  });

  it("in float64 the same run has no zero loss", () => {
    const run = runGrokking({ ...tiny, steps: 150, lossDtype: "f64" });
    expect(run.records.every((r) => r.zeroLossShare === 0)).toBe(true);
  });

  it("records cos(gradient, weights) per parameter tensor, the output layer pulled along its weights after fitting", () => {
    const run = runGrokking({ ...tiny, steps: 150 });
    for (const r of run.records) {
      expect(r.layerGradWeightCosines).toHaveLength(3);
      const largest = Math.max(...r.layerGradWeightCosines.map(Math.abs));
      expect(largest).toBeLessThanOrEqual(1);
      // Σ cᵢ|gᵢ||wᵢ| / (|g||w|) with Cauchy–Schwarz: the flattened cosine is no larger in size.
      expect(Math.abs(r.gradWeightCosine)).toBeLessThanOrEqual(largest + 1e-9);
    }
    const fitted = run.records.filter((r) => r.trainAccuracy === 1 && r.zeroLossShare < 0.5);
    expect(fitted.length).toBeGreaterThan(3);
    for (const r of fitted) expect(r.layerGradWeightCosines[2]!).toBeLessThan(0);
  });

  it("⊥Grad grows the weights less than plain Adam", () => {
    const plain = runGrokking({ ...tiny, steps: 150 });
    const perp = runGrokking({ ...tiny, steps: 150, perpGrad: true });
    const growth = (r: typeof plain) => r.records.at(-1)!.weightNorm / r.records[0]!.weightNorm;
    expect(growth(perp)).toBeLessThan(growth(plain));
  });

  it("StableMax keeps every loss positive where softmax collapses", () => {
    const soft = runGrokking({ ...tiny, steps: 150, lossDtype: "f16" });
    const stable = runGrokking({ ...tiny, steps: 150, loss: "stablemax", lossDtype: "f16" });
    expect(soft.records.at(-1)!.zeroLossShare).toBeGreaterThan(0.5);
    expect(stable.records.every((r) => r.zeroLossShare === 0)).toBe(true);
  });
});
