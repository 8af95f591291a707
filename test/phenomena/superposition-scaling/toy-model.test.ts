import { describe, expect, it } from "vitest";
import {
  applySignedDecay,
  batchLoss,
  featureProbabilities,
  lossAndGradient,
  makeToyModel,
  representedShare,
  sampleBatch,
  SignedDecayAdamW,
  trainToyModel,
  trivialLoss,
} from "../../../src/phenomena/superposition-scaling/index.ts";
import { makeRng } from "../../../src/tensor/rng.ts";
import { Tensor } from "../../../src/tensor/tensor.ts";

describe("feature distribution", () => {
  it("p_i ∝ i^−α sums to one and falls with rank", () => {
    const p = featureProbabilities(100, 1.2);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[0]! / p[9]!).toBeCloseTo(10 ** 1.2, 9);
  });

  it("sampled batches have each feature active with probability p_i, values in [0, 2]", () => {
    const p = featureProbabilities(20, 1);
    const B = 20000;
    const x = sampleBatch(p, B, makeRng(1));
    const counts = new Float64Array(20);
    x.col.forEach((c) => counts[c]++);
    for (let i = 0; i < 20; i++) {
      const sd = Math.sqrt(B * p[i]! * (1 - p[i]!));
      expect(Math.abs(counts[i]! - B * p[i]!)).toBeLessThan(5 * sd);
    }
    expect(Math.min(...x.val)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...x.val)).toBeLessThanOrEqual(2);
    // CSR by sample: columns within a sample are distinct.
    for (let r = 0; r < B; r++) {
      const cols = Array.from(x.col.subarray(x.rowStart[r]!, x.rowStart[r + 1]!));
      expect(new Set(cols).size).toBe(cols.length);
    }
  });

  it("the trivial loss equals the loss of W = 0, b = p on samples", () => {
    const p = featureProbabilities(16, 0.8);
    const model = makeToyModel(16, 2, makeRng(2));
    model.W.data.fill(0);
    model.b.data.set(p);
    const loss = batchLoss(model, sampleBatch(p, 200000, makeRng(3)));
    expect(Math.abs(loss / trivialLoss(p) - 1)).toBeLessThan(0.01);
  });
});

describe("toy model of superposition", () => {
  it("the hand-written gradient matches finite differences of the loss", () => {
    const random = makeRng(5);
    const p = featureProbabilities(8, 0.5).map((v) => Math.min(1, 3 * v));
    const model = makeToyModel(8, 3, random);
    const x = sampleBatch(p, 16, random);
    lossAndGradient(model, x);
    const gW = Float64Array.from(model.W.grad!);
    const gb = Float64Array.from(model.b.grad!);
    const check = (data: Float32Array, grad: Float64Array) => {
      for (let k = 0; k < data.length; k++) {
        const keep = data[k]!;
        const h = 1e-3;
        data[k] = keep + h;
        const up = batchLoss(model, x);
        data[k] = keep - h;
        const down = batchLoss(model, x);
        data[k] = keep;
        const numeric = (up - down) / (2 * h);
        expect(Math.abs(grad[k]! - numeric)).toBeLessThan(1e-2 * Math.abs(numeric) + 1e-4);
      }
    };
    check(model.W.data as Float32Array, gW);
    check(model.b.data as Float32Array, gb);
  });

  it("counts a feature as represented when its row is longer than ½", () => {
    const model = makeToyModel(4, 2, makeRng(1));
    model.W.data.set([1, 0, 0.3, 0.3, 0, 0.6, 0.1, 0]);
    expect(representedShare(model)).toBe(0.5);
  });
});

describe("signed weight decay (authors' AdamW)", () => {
  it("γ > 0 shrinks every entry by 1 − γ·lr", () => {
    const W = Float64Array.from([2, -1, 0.5, 4]);
    applySignedDecay(W, 2, 2, 0.5, 0.1);
    expect(Array.from(W)).toEqual([2, -1, 0.5, 4].map((v) => v * 0.95));
  });

  it("γ < 0 pulls each row towards unit norm: long rows shrink, short rows grow, unit rows stay", () => {
    const W = Float64Array.from([3, 4, 0.3, 0.4, 0.6, 0.8]);
    applySignedDecay(W, 3, 2, -1, 0.1);
    const norm = (i: number) => Math.hypot(W[2 * i]!, W[2 * i + 1]!);
    expect(norm(0)).toBeCloseTo(5 * (1 - 0.1 * (1 - 1 / 5)), 6);
    expect(norm(1)).toBeCloseTo(0.5 * (1 - 0.1 * (1 - 1 / 0.5)), 6);
    expect(norm(2)).toBeCloseTo(1, 6);
  });

  it("decays only the listed matrices and rejects a vector", () => {
    const W = new Tensor(Float32Array.from([3, 4]), [1, 2], "f32", true);
    const b = new Tensor(Float32Array.from([3]), [1], "f32", true);
    const opt = new SignedDecayAdamW([W, b], { lr: 0.1, gamma: -1, decayed: [W] });
    W.grad = new Float32Array(2);
    b.grad = new Float32Array(1);
    opt.step();
    expect(Math.hypot(W.data[0]!, W.data[1]!)).toBeCloseTo(5 * (1 - 0.1 * 0.8), 5);
    expect(b.data[0]).toBe(3);
    expect(() => new SignedDecayAdamW([b], { lr: 0.1, gamma: 1, decayed: [b] })).toThrow(
      /rows are features/,
    );
  });
});

describe("training", () => {
  it("is reproducible from its seed and beats the trivial loss under strong superposition", () => {
    const options = {
      n: 32,
      m: 8,
      alpha: 1,
      gamma: -1,
      steps: 300,
      batch: 64,
      evalSamples: 4096,
      seed: 3,
    };
    const a = trainToyModel(options);
    const b = trainToyModel(options);
    expect(a.loss).toBe(b.loss);
    expect(a.loss).toBeLessThan(0.7 * a.trivial);
    expect(a.represented).toBe(1);
  });
});
