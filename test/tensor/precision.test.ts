// Per-op precision: f32 elementwise results are bit-identical to an independent Math.fround
// reference; reductions and matmul stay within float32 accumulation error (γ_n bound, Higham
// 2002 §3.1) of an f64 reference; half formats hold only representable values; and the
// Softmax Collapse threshold: a logit gap of 30 gives loss exactly 0 in f32 but not in f64.
import { describe, expect, it } from "vitest";
import {
  crossEntropy,
  makeRng,
  matmul,
  roundBf16,
  roundF16,
  softmax,
  tensor,
  type Dtype,
  type Tensor,
} from "../../src/tensor/index.ts";

const rng = makeRng(11);
const f32s = (n: number, scale = 3): number[] =>
  Array.from({ length: n }, () => Math.fround((rng.uniform() * 2 - 1) * scale));
const bitsEqual = (a: ArrayLike<number>, b: ArrayLike<number>): boolean =>
  a.length === b.length &&
  Array.from(a).every((x, i) => Object.is(x, b[i]) || (Number.isNaN(x) && Number.isNaN(b[i]!)));

const GELU_C = Math.sqrt(2 / Math.PI);
const unaryRefs: [string, (t: Tensor) => Tensor, (x: number) => number][] = [
  ["neg", (t) => t.neg(), (x) => -x],
  ["exp", (t) => t.exp(), Math.exp],
  ["log", (t) => t.log(), Math.log],
  ["tanh", (t) => t.tanh(), Math.tanh],
  ["sqrt", (t) => t.sqrt(), Math.sqrt],
  ["relu", (t) => t.relu(), (x) => Math.max(x, 0)],
  ["pow 2.5", (t) => t.pow(2.5), (x) => x ** 2.5],
  ["gelu", (t) => t.gelu(), (x) => 0.5 * x * (1 + Math.tanh(GELU_C * (x + 0.044715 * x ** 3)))],
];
const binaryRefs: [string, (a: Tensor, b: Tensor) => Tensor, (x: number, y: number) => number][] = [
  ["add", (a, b) => a.add(b), (x, y) => x + y],
  ["sub", (a, b) => a.sub(b), (x, y) => x - y],
  ["mul", (a, b) => a.mul(b), (x, y) => x * y],
  ["div", (a, b) => a.div(b), (x, y) => x / y],
];

describe("f32 elementwise ops are bit-identical to Math.fround of the f64 result", () => {
  const xs = f32s(4096, 8).concat([0, -0, 1e-45, -1e-45, 3.4e38, 1, -1]).map(Math.fround);
  for (const [name, op, ref] of unaryRefs)
    it(name, () => {
      const out = op(tensor(xs, { dtype: "f32" }));
      expect(out.dtype).toBe("f32");
      expect(
        bitsEqual(
          out.data,
          xs.map((x) => Math.fround(ref(x))),
        ),
      ).toBe(true);
    });
  for (const [name, op, ref] of binaryRefs)
    it(`${name}, with broadcasting`, () => {
      const a = f32s(64 * 32, 1e3);
      const b = f32s(32, 1e-3);
      const out = op(tensor(a, [64, 32], { dtype: "f32" }), tensor(b, [32], { dtype: "f32" }));
      expect(
        bitsEqual(
          out.data,
          a.map((x, i) => Math.fround(ref(x, b[i % 32]!))),
        ),
      ).toBe(true);
    });
});

describe("bf16 and f16 ops round every result to the format", () => {
  const pairs: [Dtype, (x: number) => number][] = [
    ["bf16", roundBf16],
    ["f16", roundF16],
  ];
  for (const [dtype, round] of pairs)
    it(dtype, () => {
      const xs = f32s(2048, 4).map(round);
      const ys = f32s(2048, 4).map(round);
      const a = tensor(xs, { dtype });
      const b = tensor(ys, { dtype });
      expect(
        bitsEqual(
          a.mul(b).data,
          xs.map((x, i) => round(x * ys[i]!)),
        ),
      ).toBe(true);
      expect(
        bitsEqual(
          a.exp().data,
          xs.map((x) => round(Math.exp(x))),
        ),
      ).toBe(true);
      expect(
        bitsEqual(
          a.add(b).data,
          xs.map((x, i) => round(x + ys[i]!)),
        ),
      ).toBe(true);
      const s = a.sum().item();
      expect(round(s)).toBe(s);
    });
});

describe("f32 reductions and matmul are within float32 accumulation error", () => {
  const u = 2 ** -24;
  it("sum over each axis", () => {
    const x = f32s(300 * 40, 10);
    const t = tensor(x, [300, 40], { dtype: "f32" });
    for (const axis of [0, 1]) {
      const got = t.sum(axis).data;
      const n = axis === 0 ? 300 : 40;
      for (let j = 0; j < got.length; j++) {
        let exact = 0;
        let abs = 0;
        for (let i = 0; i < n; i++) {
          const v = axis === 0 ? x[i * 40 + j]! : x[j * 40 + i]!;
          exact += v;
          abs += Math.abs(v);
        }
        expect(Math.abs(got[j]! - exact)).toBeLessThanOrEqual(
          ((n * u) / (1 - n * u)) * abs + u * Math.abs(exact),
        );
      }
    }
  });
  it("matmul (2-D, odd sizes) and its gradients", () => {
    const [m, k, n] = [37, 203, 29];
    const a = f32s(m * k);
    const b = f32s(k * n);
    const A = tensor(a, [m, k], { dtype: "f32", requiresGrad: true });
    const B = tensor(b, [k, n], { dtype: "f32", requiresGrad: true });
    const C = matmul(A, B);
    let worst = 0;
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let exact = 0;
        let abs = 0;
        for (let p = 0; p < k; p++) {
          exact += a[i * k + p]! * b[p * n + j]!;
          abs += Math.abs(a[i * k + p]! * b[p * n + j]!);
        }
        const bound = ((k * u) / (1 - k * u)) * abs + u * Math.abs(exact);
        worst = Math.max(worst, Math.abs(C.data[i * n + j]! - exact) / bound);
      }
    expect(worst).toBeLessThanOrEqual(1);
    expect(worst).toBeGreaterThan(0); // it really computed in f32, not f64
    C.sum().backward();
    for (let p = 0; p < k; p++) {
      let rowSum = 0;
      for (let j = 0; j < n; j++) rowSum += b[p * n + j]!;
      expect(Math.abs(A.grad![p]! - rowSum)).toBeLessThanOrEqual(n * u * 3 * n);
    }
  });
});

describe("Softmax Collapse at a logit gap of 30", () => {
  const classes = 97;
  const logits = (dtype: Dtype): Tensor =>
    tensor(
      Array.from({ length: classes }, (_, i) => (i === 0 ? 30 : 0)),
      [1, classes],
      { dtype, requiresGrad: true },
    );
  it("float32: right-class probability exactly 1, loss exactly 0, gradient exactly 0", () => {
    const z = logits("f32");
    expect(softmax(z).data[0]).toBe(1);
    const loss = crossEntropy(z, [0]);
    expect(loss.item()).toBe(0);
    loss.backward();
    expect(z.grad![0]).toBe(0);
  });
  it("float32 logsumexp equals the maximum exactly, float64 exceeds it", () => {
    expect(logits("f32").logsumexp(-1).item()).toBe(30);
    expect(logits("f64").logsumexp(-1).item()).toBeGreaterThan(30);
  });
  it("float64: the probability stays below 1 and the loss above 0", () => {
    const z = logits("f64");
    expect(softmax(z).data[0]).toBeLessThan(1);
    const loss = crossEntropy(z, [0]);
    expect(loss.item()).toBeGreaterThan(0);
    // log(1 + 96 e^-30), up to the f64 rounding of 96 sequential additions to 1
    expect(Math.abs(loss.item() / (96 * Math.exp(-30)) - 1)).toBeLessThan(1e-2);
  });
  it("StableMax keeps the float32 loss positive at the same gap", () => {
    const z = logits("f32");
    const loss = crossEntropy(z, [0], { kind: "stablemax" });
    expect(loss.item()).toBeGreaterThan(0);
    loss.backward();
    expect(Math.abs(z.grad![0]!)).toBeGreaterThan(0);
  });
  it("float16 collapses at a smaller gap than float32", () => {
    const gap = (g: number, dtype: Dtype): number =>
      crossEntropy(
        tensor(
          Array.from({ length: classes }, (_, i) => (i === 0 ? g : 0)),
          [1, classes],
          { dtype },
        ),
        [0],
      ).item();
    // f16 collapses once 96·e^-gap < 2^-11 (half an ulp of 1), i.e. gap > 12.2
    expect(gap(12, "f16")).toBeGreaterThan(0);
    expect(gap(13, "f16")).toBe(0);
    expect(gap(13, "f32")).toBeGreaterThan(0);
  });
});

describe("casting between precisions", () => {
  it("rounds forward values and routes the gradient back to the source dtype", () => {
    const x = tensor([1 + 2 ** -12, 3.14159, -2], { dtype: "f32", requiresGrad: true });
    const h = x.to("f16");
    expect(h.dtype).toBe("f16");
    expect(Array.from(h.data)).toEqual([1, roundF16(Math.fround(3.14159)), -2]);
    h.mul(tensor([1e-8, 2, 3], { dtype: "f16" }))
      .sum()
      .backward();
    expect(x.grad).toBeInstanceOf(Float32Array);
    // the f16 gradient 1e-8 rounds to a subnormal of f16 before reaching the f32 source
    expect(Array.from(x.grad!)).toEqual([roundF16(1e-8), 2, 3]);
    const d = x.to("f64");
    expect(d.data).toBeInstanceOf(Float64Array);
    expect(Array.from(d.data)).toEqual(Array.from(x.data));
  });
});
