import { describe, expect, it } from "vitest";
import { annealingAreas } from "../../../src/fit/index.ts";
import { fitAnnealingLaw, trainWithSchedule } from "../../../src/phenomena/lr-annealing/index.ts";
import { makeTeacher } from "../../../src/phenomena/lr-annealing/training.ts";
import { forward } from "../../../src/phenomena/lr-annealing/mlp.ts";
import { makeRng } from "../../../src/tensor/index.ts";
import type { LossCurve } from "../../../src/phenomena/lr-annealing/index.ts";

function syntheticCurve(name: string, lrs: number[], lambda: number): LossCurve {
  const { S1, S2 } = annealingAreas(lrs, lambda);
  const steps = lrs.map((_, i) => i + 1).filter((s) => s % 20 === 0);
  return {
    name,
    lrs,
    steps,
    loss: steps.map((s) => 0.3 + 0.8 * S1[s - 1]! ** -0.4 - 0.004 * S2[s - 1]!),
  };
}

describe("fitAnnealingLaw", () => {
  it("recovers λ and predicts WSD curves exactly when the curves follow the law", () => {
    const n = 2000;
    const constant = new Array(n).fill(0.1);
    const cosine = constant.map((lr, i) => 0.5 * lr * (1 + Math.cos((Math.PI * i) / n)));
    const wsd = constant.map((lr, i) => (i < 0.8 * n ? lr : (lr * (n - i)) / (0.2 * n)));
    const curves = [
      syntheticCurve("constant", constant, 0.995),
      syntheticCurve("cosine", cosine, 0.995),
      syntheticCurve("wsd", wsd, 0.995),
    ];
    const result = fitAnnealingLaw(curves, ["constant", "cosine"], { skipBefore: 100 });
    expect(result.lambda).toBe(0.995);
    const wsdPrediction = result.predictions.find((p) => p.name === "wsd")!;
    expect(wsdPrediction.fitted).toBe(false);
    expect(wsdPrediction.mape).toBeLessThan(1e-4);
    expect(result.fit.params.C).toBeCloseTo(0.004, 5);
  });
});

describe("makeTeacher", () => {
  it("has power-law output weights and a clean target of unit variance", () => {
    const options = {
      steps: 1,
      batch: 1,
      every: 1,
      noise: 0,
      input: 8,
      hidden: 4,
      teacherWidth: 32,
      teacherDecay: 1,
      teacherScale: 2,
      optimizer: "sgd" as const,
      repeats: 1,
      heldOut: 1,
      seed: 5,
    };
    const teacher = makeTeacher(options);
    const w2 = teacher.params.subarray(8 * 32 + 32, 8 * 32 + 64);
    expect(Math.abs(w2[0]!) / Math.abs(w2[9]!)).toBeCloseTo(10, 9);
    const random = makeRng(99);
    const n = 20000;
    const xs = Float64Array.from({ length: n * 8 }, () => random.normal());
    const ys = new Float64Array(n);
    forward(teacher, xs, n, ys);
    const mean = ys.reduce((a, b) => a + b, 0) / n;
    const variance = ys.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    expect(variance).toBeGreaterThan(0.9);
    expect(variance).toBeLessThan(1.1);
  });
});

describe("trainWithSchedule", () => {
  it("is deterministic for a seed, and a short run lowers the held-out loss", () => {
    const options = { steps: 150, every: 50, repeats: 1, seed: 3 };
    const a = trainWithSchedule("constant", () => 0.01, options);
    const b = trainWithSchedule("constant", () => 0.01, options);
    expect(a.loss).toEqual(b.loss);
    expect(a.steps).toEqual([50, 100, 150]);
    expect(a.lrs.length).toBe(150);
    expect(a.loss[2]!).toBeLessThan(a.loss[0]!);
  });
});
