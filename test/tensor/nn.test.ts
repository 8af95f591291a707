// Modules: PyTorch-default init, named parameters, the one-hot-as-gather path equal to the
// dense product, a transformer that is causal and whose gradients match finite differences,
// and its qk-layernorm option: learnable gains, gradients, the logit bound it guarantees.
import { describe, expect, it } from "vitest";
import {
  crossEntropy,
  dropout,
  Linear,
  makeRng,
  MLP,
  multiHot,
  noGrad,
  oneHot,
  ones,
  Transformer,
  type Module,
} from "../../src/tensor/index.ts";

describe("Linear and MLP", () => {
  it("initialise uniformly within ±1/√fan_in, filling the range", () => {
    const layer = new Linear(194, 200, makeRng(3));
    const bound = 1 / Math.sqrt(194);
    const w = Array.from(layer.weight.data);
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...w)).toBeGreaterThan(0.99 * bound);
    expect(Math.min(...w)).toBeLessThan(-0.99 * bound);
    expect(layer.bias!.size).toBe(200);
  });
  it("accept a callable generator with normal(), like the runtime's rng(seed)", () => {
    const base = makeRng(1);
    const callable = Object.assign(() => base.uniform(), { normal: () => base.normal() });
    const viaCallable = new Linear(4, 3, callable);
    const viaRng = new Linear(4, 3, makeRng(1));
    expect(Array.from(viaCallable.weight.data)).toEqual(Array.from(viaRng.weight.data));
  });
  it("name parameters with dotted paths and honour bias: false", () => {
    const mlp = new MLP([6, 5, 3], makeRng(1), { bias: false });
    expect(mlp.namedParameters().map(([n, t]) => [n, t.shape])).toEqual([
      ["layers.0.weight", [6, 5]],
      ["layers.1.weight", [5, 3]],
    ]);
    expect(mlp.parameters().every((p) => p.requiresGrad)).toBe(true);
  });
  it("multiply a multi-hot batch as a gather, equal to the dense one-hot product (values and gradients)", () => {
    const P = 7;
    const a = [0, 3, 6, 2, 3];
    const b = [1, 1, 5, 0, 6];
    const targets = a.map((x, i) => (x + b[i]!) % P);
    const run = (dense: boolean): [Float32Array, Float32Array] => {
      const mlp = new MLP([2 * P, 8, P], makeRng(5), { bias: false });
      const x = dense
        ? oneHot(a, 2 * P).add(
            oneHot(
              b.map((v) => v + P),
              2 * P,
            ),
          )
        : multiHot(
            a,
            b.map((v) => v + P),
          );
      const logits = mlp.forward(x);
      crossEntropy(logits, targets).backward();
      return [logits.data as Float32Array, mlp.layers[0]!.weight.grad as Float32Array];
    };
    const [l1, g1] = run(false);
    const [l2, g2] = run(true);
    expect(Array.from(l1)).toEqual(Array.from(l2));
    expect(Array.from(g1)).toEqual(Array.from(g2));
  });
});

/** Finite-difference check of a module's loss on a few entries of every parameter (f64). */
function checkModuleGradients(
  model: Module,
  loss: () => number,
  lossTensor: () => { backward(): void },
): number {
  model.zeroGrad();
  lossTensor().backward();
  let worst = 0;
  for (const [, p] of model.namedParameters())
    for (const i of [0, Math.floor(p.size / 2), p.size - 1]) {
      const keep = p.data[i]!;
      const h = 1e-6;
      p.data[i] = keep + h;
      const up = loss();
      p.data[i] = keep - h;
      const down = loss();
      p.data[i] = keep;
      const numeric = (up - down) / (2 * h);
      worst = Math.max(worst, Math.abs(p.grad![i]! - numeric) / (1e-4 + Math.abs(numeric)));
    }
  return worst;
}

describe("Transformer", () => {
  const options = { vocab: 5, seqLen: 3, dModel: 8, heads: 2, dMlp: 12, dtype: "f64" as const };
  const tokens = [1, 4, 2, 0, 3, 3];
  const targets = [4, 2, 0, 3, 3, 1];

  it("produces [B, T, vocab] logits and is causal", () => {
    const model = new Transformer(options, makeRng(9));
    const out = noGrad(() => model.forward(tokens, 2));
    expect(out.shape).toEqual([2, 3, 5]);
    const changed = noGrad(() => model.forward([1, 4, 0, 0, 3, 3], 2)); // last token of sample 0 changed
    expect(Array.from(changed.data.subarray(0, 10))).toEqual(Array.from(out.data.subarray(0, 10)));
    expect(Array.from(changed.data.subarray(10, 15))).not.toEqual(
      Array.from(out.data.subarray(10, 15)),
    );
  });

  it("has gradients matching finite differences for every parameter tensor", () => {
    const model = new Transformer(options, makeRng(4));
    const lossTensor = () => crossEntropy(model.forward(tokens, 2).reshape([6, 5]), targets);
    const worst = checkModuleGradients(model, () => noGrad(() => lossTensor().item()), lossTensor);
    expect(worst).toBeLessThan(1e-5);
  });
});

describe("dropout", () => {
  it("zeros a share p, scales survivors by 1/(1−p), is reproducible, and is the identity in eval", () => {
    const x = ones([10000], { dtype: "f64" });
    const y = dropout(x, 0.25, makeRng(1));
    const zeros = Array.from(y.data).filter((v) => v === 0).length;
    expect(zeros / 10000).toBeGreaterThan(0.23);
    expect(zeros / 10000).toBeLessThan(0.27);
    expect(
      Array.from(y.data)
        .filter((v) => v !== 0)
        .every((v) => v === 1 / 0.75),
    ).toBe(true);
    expect(Array.from(dropout(x, 0.25, makeRng(1)).data)).toEqual(Array.from(y.data));
    expect(dropout(x, 0.25, makeRng(1), false)).toBe(x);
  });
});

describe("qk-layernorm and attention-only blocks (Wortsman et al. 2023)", () => {
  const options = {
    vocab: 6,
    seqLen: 4,
    dModel: 8,
    heads: 2,
    mlp: false,
    bias: false,
    qkNorm: true,
    dtype: "f64" as const,
  };
  const tokens = [1, 5, 2, 0, 3, 3, 4, 1];
  const targets = [5, 2, 0, 3, 3, 4, 1, 2];

  it("has learnable q and k gains per head dimension and no MLP, biases or qk-LN bias", () => {
    const names = new Transformer(options, makeRng(1)).namedParameters().map(([n]) => n);
    expect(names).toContain("blocks.0.attn.qNorm.gamma");
    expect(names).toContain("blocks.0.attn.kNorm.gamma");
    expect(names.filter((n) => /qNorm|kNorm/.test(n))).toHaveLength(2);
    expect(names.some((n) => /ln2|\.up\.|\.down\.|bias/.test(n))).toBe(false);
    const gain = new Transformer(options, makeRng(1)).blocks[0]!.attn.qNorm!.gamma;
    expect(gain.shape).toEqual([4]); // d_head = 8 / 2
  });

  it("has gradients matching finite differences for every parameter, gains included (with z-loss)", () => {
    const model = new Transformer(options, makeRng(4));
    const attn = model.blocks[0]!.attn;
    for (const gain of [attn.qNorm!.gamma, attn.kNorm!.gamma])
      gain.data.forEach((_, i) => (gain.data[i] = 0.4 + 0.3 * i));
    const lossTensor = () =>
      crossEntropy(model.forward(tokens, 2).reshape([8, 6]), targets, { zLoss: 0.01 });
    const worst = checkModuleGradients(model, () => noGrad(() => lossTensor().item()), lossTensor);
    expect(worst).toBeLessThan(1e-5);
  });

  it("records the largest visible attention logit, equal to the one recomputed by hand", () => {
    const model = new Transformer({ ...options, heads: 1, qkNorm: false }, makeRng(2));
    noGrad(() => model.forward(tokens, 2));
    const { attn, ln1 } = model.blocks[0]!;
    const h = noGrad(() =>
      ln1.forward(
        model.embed
          .forward(tokens, [2, 4])
          .add(model.pos.forward([0, 1, 2, 3, 0, 1, 2, 3], [2, 4])),
      ),
    );
    const q = noGrad(() => attn.q.forward(h)).data;
    const k = noGrad(() => attn.k.forward(h)).data;
    let best = 0;
    for (let b = 0; b < 2; b++)
      for (let i = 0; i < 4; i++)
        for (let j = 0; j <= i; j++) {
          let dot = 0;
          for (let c = 0; c < 8; c++) dot += q[(b * 4 + i) * 8 + c]! * k[(b * 4 + j) * 8 + c]!;
          best = Math.max(best, Math.abs(dot) / Math.sqrt(8));
        }
    expect(attn.maxLogit).toBeCloseTo(best, 12);
  });

  it("bounds every logit by max|γ_q|·max|γ_k|·√d_head however large W_q and W_k grow", () => {
    const run = (qkNorm: boolean, scale: number): { logit: number; bound: number } => {
      const model = new Transformer({ ...options, qkNorm }, makeRng(5));
      const attn = model.blocks[0]!.attn;
      for (const w of [attn.q.weight, attn.k.weight])
        w.data.forEach((v, i) => (w.data[i] = v * scale));
      const rng = makeRng(9);
      for (const gain of [attn.qNorm?.gamma, attn.kNorm?.gamma])
        gain?.data.forEach((_, i) => (gain.data[i] = 3 * (2 * rng.uniform() - 1)));
      noGrad(() => model.forward(tokens, 2));
      const top = (t?: { data: Float64Array | Float32Array }) =>
        t ? Math.max(...Array.from(t.data, Math.abs)) : Number.NaN;
      return { logit: attn.maxLogit, bound: top(attn.qNorm?.gamma) * top(attn.kNorm?.gamma) * 2 };
    };
    const small = run(true, 1);
    const large = run(true, 1000);
    expect(small.logit).toBeLessThanOrEqual(small.bound);
    expect(large.logit).toBeLessThanOrEqual(large.bound);
    expect(Math.abs(large.logit / small.logit - 1)).toBeLessThan(1e-4); // LayerNorm is scale-invariant (up to ε)
    // without qk-layernorm the logit is bilinear in W_q, W_k: ×1000 each gives ×10⁶
    expect(run(false, 1000).logit / run(false, 1).logit).toBeCloseTo(1e6, -1);
  });
});
