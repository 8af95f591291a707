// Optimisers against hand-written references, ⊥Grad's geometry, the LR schedules, and an
// end-to-end check that ⊥Grad + AdamW makes a small modular-addition MLP generalise.
import { describe, expect, it } from "vitest";
import {
  accuracy,
  Adam,
  AdamW,
  constantLr,
  cosineLr,
  crossEntropy,
  makeRng,
  MLP,
  multiHot,
  noGrad,
  projectOutWeights,
  randn,
  roundBf16,
  roundF16,
  SGD,
  tensor,
  warmupLr,
  wsdLr,
} from "../../src/tensor/index.ts";

const param = (values: number[]) => tensor(values, { dtype: "f64", requiresGrad: true });

describe("optimisers", () => {
  it("SGD with momentum follows b ← μb + g, w ← w − lr·b", () => {
    const w = param([1, -2]);
    const opt = new SGD([w], { lr: 0.1, momentum: 0.9 });
    w.grad = Float64Array.from([1, 2]);
    opt.step();
    expect(Array.from(w.data)).toEqual([1 - 0.1, -2 - 0.2]);
    w.grad = Float64Array.from([1, 2]);
    opt.step();
    expect(w.data[0]).toBeCloseTo(0.9 - 0.1 * 1.9, 15);
  });

  it("a step checks for an interrupt before it changes any parameter", () => {
    const w = param([1, -2]);
    const opt = new SGD([w], { lr: 0.1 });
    w.grad = Float64Array.from([1, 2]);
    const key = Symbol.for("tsnb.interrupt-check");
    const hooks = globalThis as { [key]?: () => void };
    hooks[key] = () => {
      throw new Error("interrupted");
    };
    try {
      expect(() => opt.step()).toThrow("interrupted");
    } finally {
      delete hooks[key];
    }
    expect(Array.from(w.data)).toEqual([1, -2]);
    expect(opt.stepCount).toBe(0);
    opt.step();
    expect(Array.from(w.data)).toEqual([1 - 0.1, -2 - 0.2]);
  });

  it("Adam matches a reference implementation over 20 steps of a quadratic", () => {
    const w = param([3, -1, 0.5]);
    const opt = new Adam([w], { lr: 0.05, betas: [0.9, 0.99], eps: 1e-8, weightDecay: 0.1 });
    const ref = [3, -1, 0.5];
    const m = [0, 0, 0];
    const v = [0, 0, 0];
    for (let t = 1; t <= 20; t++) {
      w.grad = Float64Array.from(w.data, (x) => 2 * x);
      opt.step();
      for (let i = 0; i < 3; i++) {
        const g = 2 * ref[i]! + 0.1 * ref[i]!; // L2 weight decay is added to the gradient
        m[i] = 0.9 * m[i]! + 0.1 * g;
        v[i] = 0.99 * v[i]! + 0.01 * g * g;
        ref[i]! -= (0.05 * (m[i]! / (1 - 0.9 ** t))) / (Math.sqrt(v[i]! / (1 - 0.99 ** t)) + 1e-8);
      }
    }
    Array.from(w.data).forEach((x, i) => expect(x).toBeCloseTo(ref[i]!, 12));
  });

  it("AdamW decays weights decoupled from the gradient, and its first step is lr·sign(g)", () => {
    const w = param([2, -4]);
    const opt = new AdamW([w], { lr: 0.1, weightDecay: 0.5, eps: 1e-25 });
    w.grad = Float64Array.from([1e-10, -3]);
    opt.step();
    expect(w.data[0]).toBeCloseTo(2 * (1 - 0.05) - 0.1, 12);
    expect(w.data[1]).toBeCloseTo(-4 * (1 - 0.05) + 0.1, 12);
  });

  it("uses a schedule for the learning rate of each step", () => {
    const w = param([0]);
    const opt = new SGD([w], { lr: (step) => [1, 10, 100][step]! });
    for (let i = 0; i < 3; i++) {
      w.grad = Float64Array.from([1]);
      opt.step();
    }
    expect(w.data[0]).toBe(-111);
  });
});

describe("half-precision training", () => {
  it("keeps bf16 and f16 parameters and gradients representable while the loss falls", () => {
    for (const [dtype, round] of [
      ["bf16", roundBf16],
      ["f16", roundF16],
    ] as const) {
      const rng = makeRng(2);
      const model = new MLP([8, 16, 4], rng, { dtype });
      const opt = new Adam(model.parameters(), { lr: 0.01 });
      const x = randn([32, 8], rng, { dtype });
      const y = Array.from({ length: 32 }, (_, i) => i % 4);
      const losses: number[] = [];
      for (let s = 0; s < 30; s++) {
        opt.zeroGrad();
        const loss = crossEntropy(model.forward(x), y);
        loss.backward();
        for (const p of model.parameters()) expect(p.grad!.every((g) => round(g) === g)).toBe(true);
        opt.step();
        losses.push(loss.item());
      }
      for (const p of model.parameters()) expect(p.data.every((w) => round(w) === w)).toBe(true);
      expect(losses[29]!).toBeLessThan(losses[0]! * 0.8);
    }
  });
});

describe("⊥Grad", () => {
  it("removes the component along the weights and keeps the gradient norm", () => {
    const w = param([1, 2, -1, 0.5]);
    const g = [3, 1, -2, 4];
    w.grad = Float64Array.from(g);
    projectOutWeights(w);
    const dot = Array.from(w.grad!).reduce((s, x, i) => s + x * w.data[i]!, 0);
    const n = (a: ArrayLike<number>) => Math.hypot(...Array.from(a));
    expect(Math.abs(dot)).toBeLessThan(1e-12);
    expect(n(w.grad!)).toBeCloseTo(n(g), 12);
  });

  it("lets a no-weight-decay MLP generalise on modular addition (Prieto et al. 2025, Fig. 1)", () => {
    const P = 31;
    const rng = makeRng(0);
    const all = Array.from({ length: P * P }, (_, i) => [Math.floor(i / P), i % P] as const);
    const perm = rng.permutation(all.length);
    const split = (ix: ArrayLike<number>) => {
      const rows = Array.from(ix, (i) => all[i]!);
      return {
        x: multiHot(
          rows.map((r) => r[0]),
          rows.map((r) => r[1] + P),
        ),
        y: rows.map((r) => (r[0] + r[1]) % P),
      };
    };
    const train = split(perm.subarray(0, Math.floor(0.6 * all.length)));
    const test = split(perm.subarray(Math.floor(0.6 * all.length)));
    const model = new MLP([2 * P, 128, 128, P], rng, { bias: false });
    const opt = new AdamW(model.parameters(), {
      lr: 0.01,
      betas: [0.9, 0.99],
      eps: 1e-25,
      weightDecay: 0,
      perpGrad: true,
    });
    for (let step = 0; step < 150; step++) {
      opt.zeroGrad();
      crossEntropy(model.forward(train.x), train.y).backward();
      opt.step();
    }
    expect(
      accuracy(
        noGrad(() => model.forward(test.x)),
        test.y,
      ),
    ).toBeGreaterThan(0.9);
  });
});

describe("LR schedules", () => {
  it("constant, warmup, cosine and WSD take the documented values", () => {
    expect(constantLr(0.3)(1000)).toBe(0.3);
    const warm = warmupLr(1, 4);
    expect([0, 1, 2, 3, 4, 100].map(warm)).toEqual([0.25, 0.5, 0.75, 1, 1, 1]);
    const cos = cosineLr({ lr: 1, steps: 100, minLr: 0.1 });
    expect(cos(0)).toBe(1);
    expect(cos(50)).toBeCloseTo(0.55, 12);
    expect(cos(100)).toBeCloseTo(0.1, 12);
    expect(cos(200)).toBeCloseTo(0.1, 12);
    const wsd = wsdLr({ lr: 1, steps: 100, decayFraction: 0.2, warmup: 10 });
    expect(wsd(0)).toBeCloseTo(0.1, 12);
    expect(wsd(50)).toBe(1);
    expect(wsd(80)).toBe(1);
    expect(wsd(90)).toBeCloseTo(0.5, 12);
    expect(wsd(100)).toBe(0);
  });
});
