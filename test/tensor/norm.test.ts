import { describe, expect, it } from "vitest";
import { layerNorm, makeRng, randn, type Tensor } from "../../src/tensor/index.ts";

/** Layer norm written out from primitive ops: the fused op's reference. */
function composed(x: Tensor, gamma: Tensor, beta: Tensor, eps = 1e-5): Tensor {
  const centred = x.sub(x.mean(-1, true));
  const variance = centred.mul(centred).mean(-1, true);
  return centred.div(variance.add(eps).sqrt()).mul(gamma).add(beta);
}

function setup(dtype: "f64" | "f32") {
  const rng = makeRng(3);
  const x = randn([6, 5, 16], rng, { dtype, requiresGrad: true });
  const gamma = randn([16], rng, { dtype, requiresGrad: true, std: 0.5 });
  const beta = randn([16], rng, { dtype, requiresGrad: true, std: 0.5 });
  const seed = randn([6, 5, 16], rng, { dtype }).data;
  return { x, gamma, beta, seed };
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number =>
  Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe("layerNorm (fused)", () => {
  it("matches the composed ops, values and gradients, in float64", () => {
    const { x, gamma, beta, seed } = setup("f64");
    const fused = layerNorm(x, gamma, beta);
    fused.backward(seed);
    const [gx, gg, gb] = [x.grad!, gamma.grad!, beta.grad!].map((g) => Float64Array.from(g));
    for (const t of [x, gamma, beta]) t.zeroGrad();
    const reference = composed(x, gamma, beta);
    reference.backward(seed);
    expect(maxDiff(fused.data, reference.data)).toBeLessThan(1e-12);
    expect(maxDiff(gx, x.grad!)).toBeLessThan(1e-11);
    expect(maxDiff(gg, gamma.grad!)).toBeLessThan(1e-11);
    expect(maxDiff(gb, beta.grad!)).toBeLessThan(1e-11);
  });

  it("rounds once in float32, so it is at least as close to the float64 result as the composed ops", () => {
    const exact = (() => {
      const { x, gamma, beta } = setup("f64");
      return layerNorm(x, gamma, beta).data;
    })();
    const { x, gamma, beta } = setup("f32");
    const fusedError = maxDiff(layerNorm(x, gamma, beta).data, exact);
    const composedError = maxDiff(composed(x, gamma, beta).data, exact);
    expect(fusedError).toBeLessThanOrEqual(composedError);
    expect(fusedError).toBeLessThan(1e-6);
  });

  it("normalises each row to mean 0 and variance 1 without gain and bias", () => {
    const { x } = setup("f64");
    const y = layerNorm(x).data;
    for (let row = 0; row < 30; row++) {
      const v = Array.from(y.subarray(row * 16, row * 16 + 16));
      const mean = v.reduce((s, a) => s + a, 0) / 16;
      const variance = v.reduce((s, a) => s + (a - mean) ** 2, 0) / 16;
      expect(Math.abs(mean)).toBeLessThan(1e-12);
      expect(variance).toBeCloseTo(1, 4); // eps = 1e-5 shrinks it a little
    }
  });

  it("names a gain or bias that does not fit the last axis", () => {
    const { x, gamma } = setup("f64");
    expect(() => layerNorm(x, gamma.reshape([4, 4]))).toThrow(
      "layerNorm: gamma of shape [4,4] (expected shape [16], the input's last axis)",
    );
  });
});
