// The quantised matmul: with no formats it is the ordinary matmul (values and gradients); the
// forward multiplies the quantised operands; a Hadamard transform alone leaves every GEMM
// unchanged; and setPrecision configures an MLP's layers, keeping the named ones.
import { describe, expect, it } from "vitest";
import {
  BF16,
  E2M1,
  hadamardSigns,
  makeRng,
  matmul,
  MLP,
  nvfp4Blocks,
  nvfp4Tiles,
  quantFormat,
  quantizedMatmul,
  quantizeMatrix,
  randn,
  randomHadamard,
  setPrecision,
  tensor,
  TensorError,
  type Tensor,
  type MatmulPrecision,
} from "../../src/tensor/index.ts";

const none = (seed = 1): MatmulPrecision => ({
  input: null,
  weight: null,
  grad: null,
  rng: makeRng(seed),
});

function grads(
  precision: MatmulPrecision | null,
  seed: number,
): { y: number[]; gx: number[]; gw: number[] } {
  const rng = makeRng(seed);
  const x = randn([32, 48], rng, { dtype: "f64", requiresGrad: true });
  const w = randn([48, 16], rng, { dtype: "f64", requiresGrad: true });
  const y = precision === null ? matmul(x, w) : quantizedMatmul(x, w, precision);
  y.mul(y).sum().backward();
  return { y: y.toArray(), gx: Array.from(x.grad!), gw: Array.from(w.grad!) };
}

describe("quantizedMatmul", () => {
  it("equals matmul, forward and backward, when nothing is quantised", () => {
    const a = grads(none(), 1);
    const b = grads(null, 1);
    expect(a).toEqual(b);
  });

  it("with a Hadamard transform on all three GEMMs and no quantisation, equals matmul to 1e-10", () => {
    const a = grads({ ...none(), hadamard: { size: 16, gemms: ["fprop", "dgrad", "wgrad"] } }, 2);
    const b = grads(null, 2);
    for (const key of ["y", "gx", "gw"] as const)
      a[key].forEach((v, i) => expect(v).toBeCloseTo(b[key][i]!, 9));
  });

  it("multiplies the operands quantised along the inner dimension", () => {
    const rng = makeRng(3);
    const x = randn([16, 32], rng, { dtype: "f64" });
    const w = randn([32, 16], rng, { dtype: "f64" });
    const fmt = quantFormat(E2M1, nvfp4Blocks);
    const y = quantizedMatmul(x, w, { input: fmt, weight: fmt, grad: null, rng: makeRng(1) });
    const xq = quantizeMatrix(x.data, 16, 32, fmt, { axis: 1 });
    const wq = quantizeMatrix(w.data, 32, 16, fmt, { axis: 0 });
    const want = matmul(tensorOf(xq, [16, 32]), tensorOf(wq, [32, 16]));
    y.toArray().forEach((v, i) => expect(v).toBeCloseTo(want.data[i]!, 12));
  });

  it("quantised gradients differ from exact ones but stay close for 16-bit formats", () => {
    const bf = quantFormat(BF16, { kind: "none" });
    const a = grads({ input: bf, weight: bf, grad: bf, rng: makeRng(1) }, 4);
    const b = grads(null, 4);
    const rel = (u: number[], v: number[]): number =>
      Math.hypot(...u.map((x, i) => x - v[i]!)) / Math.hypot(...v);
    expect(rel(a.gw, b.gw)).toBeGreaterThan(0);
    expect(rel(a.gw, b.gw)).toBeLessThan(2e-2);
    expect(rel(a.gx, b.gx)).toBeLessThan(2e-2);
  });

  it("reuses the tile-quantised weight in the backward pass", () => {
    const tiles = quantFormat(E2M1, nvfp4Tiles);
    const a = grads({ input: null, weight: tiles, grad: null, rng: makeRng(1) }, 5);
    const rng = makeRng(5);
    const x = randn([32, 48], rng, { dtype: "f64" });
    const w = randn([48, 16], rng, { dtype: "f64" });
    const wq = tensorOf(quantizeMatrix(w.data, 48, 16, tiles), [48, 16]);
    const y = matmul(x, wq);
    // dX = 2·Y·Wqᵀ with the same Wq as the forward.
    const gx = matmul(y.mul(2), wq.transpose(0, 1));
    a.gx.forEach((v, i) => expect(v).toBeCloseTo(gx.data[i]!, 9));
  });

  it("with a Hadamard transform on the forward GEMM only, dX is still dY·Wᵀ (tiles not reused)", () => {
    const fine = quantFormat(BF16, { kind: "tile", size: 16, scale: "f32" });
    const a = grads({ ...none(), weight: fine, hadamard: { size: 16, gemms: ["fprop"] } }, 7);
    const b = grads(null, 7);
    const rel = Math.hypot(...a.gx.map((v, i) => v - b.gx[i]!)) / Math.hypot(...b.gx);
    expect(rel).toBeLessThan(2e-2);
  });

  it("uses a fixed sign vector for every call when one is given, and draws none from rng", () => {
    const signs = hadamardSigns(16, 9);
    const fmt = quantFormat(E2M1, nvfp4Blocks);
    const p = (): MatmulPrecision => ({
      input: fmt,
      weight: fmt,
      grad: null,
      hadamard: { size: 16, gemms: ["fprop"], signs },
      rng: makeRng(1),
    });
    const rng = makeRng(8);
    const x = randn([16, 32], rng, { dtype: "f64" });
    const w = randn([32, 16], rng, { dtype: "f64" });
    const first = p();
    const y1 = quantizedMatmul(x, w, first).toArray();
    const y2 = quantizedMatmul(x, w, first).toArray();
    expect(y2).toEqual(y1);
    expect(first.rng.nextUint32()).toBe(makeRng(1).nextUint32());
    const xq = quantizeMatrix(randomHadamard(x.data, 16, 32, 1, signs), 16, 32, fmt, { axis: 1 });
    const wq = quantizeMatrix(randomHadamard(w.data, 32, 16, 0, signs), 32, 16, fmt, { axis: 0 });
    const want = matmul(tensorOf(xq, [16, 32]), tensorOf(wq, [32, 16]));
    y1.forEach((v, i) => expect(v).toBeCloseTo(want.data[i]!, 12));
  });

  it("names a non-2-D weight", () => {
    const rng = makeRng(6);
    expect(() => quantizedMatmul(randn([4, 8], rng), randn([2, 8, 4], rng), none())).toThrow(
      TensorError,
    );
  });
});

describe("setPrecision", () => {
  it("sets every Linear except the kept ones, which get the kept precision", () => {
    const model = new MLP([16, 32, 32, 4], makeRng(1));
    const p = none();
    const kept = none(2);
    const r = setPrecision(model, p, { keep: (name) => name === "layers.2", kept });
    expect(r).toEqual({ set: ["layers.0", "layers.1"], kept: ["layers.2"] });
    expect(model.layers[0]!.precision).toBe(p);
    expect(model.layers[2]!.precision).toBe(kept);
    setPrecision(model, null);
    expect(model.layers.every((l) => l.precision === null)).toBe(true);
  });
});

function tensorOf(data: Float64Array | Float32Array, shape: number[]): Tensor {
  return tensor(data, shape, { dtype: data instanceof Float64Array ? "f64" : "f32" });
}
