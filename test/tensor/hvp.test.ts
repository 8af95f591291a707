// hvp against dense Hessians written out by hand (softmax regression, a tanh MLP with squared
// loss), to 1e-6 relative; named errors for a non-scalar loss, mismatched shapes and bad params;
// the parameters and their gradients come back untouched.
import { describe, expect, it } from "vitest";
import {
  crossEntropy,
  hvp,
  makeRng,
  mseLoss,
  randn,
  tensor,
  TensorError,
  type Tensor,
} from "../../src/tensor/index.ts";

const rng = makeRng(7);
const gaussian = (n: number, scale = 1) =>
  Float64Array.from({ length: n }, () => scale * rng.normal());

function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i]! - b[i]!) ** 2;
    den += b[i]! ** 2;
  }
  return Math.sqrt(num / den);
}

const matVec = (H: Float64Array[], v: Float64Array) =>
  Float64Array.from(H, (row) => row.reduce((s, h, j) => s + h * v[j]!, 0));
const flat = (parts: Float64Array[]) => Float64Array.from(parts.flatMap((p) => Array.from(p)));
/** H column by column through hvp on the basis vectors. */
function hessianByHvp(loss: () => Tensor, params: Tensor[]): Float64Array[] {
  const n = params.reduce((s, p) => s + p.size, 0);
  const cols: Float64Array[] = [];
  for (let k = 0; k < n; k++) {
    let offset = 0;
    const e = params.map((p) => {
      const d = new Float64Array(p.size);
      if (k >= offset && k < offset + p.size) d[k - offset] = 1;
      offset += p.size;
      return d;
    });
    cols.push(flat(hvp(loss, params, e)));
  }
  return cols; // H is symmetric: columns are rows
}

describe("hvp: central differences of gradients agree with a dense Hessian", () => {
  it("softmax regression: H = (1/N) Σ x xᵀ ⊗ (diag p − p pᵀ), to 1e-6 relative", () => {
    const [N, d, C] = [30, 4, 3];
    const X = gaussian(N * d);
    const y = Array.from({ length: N }, (_, i) => i % C);
    const W = tensor(gaussian(d * C, 0.7), [d, C], { dtype: "f64", requiresGrad: true });
    const x = tensor(X, [N, d], { dtype: "f64" });
    const loss = () => crossEntropy(x.matmul(W), y);
    const H = Array.from({ length: d * C }, () => new Float64Array(d * C));
    for (let n = 0; n < N; n++) {
      const z = Array.from({ length: C }, (_, i) =>
        Array.from({ length: d }, (_, a) => X[n * d + a]! * W.data[a * C + i]!).reduce(
          (s, t) => s + t,
        ),
      );
      const m = Math.max(...z);
      const e = z.map((t) => Math.exp(t - m));
      const p = e.map((t) => t / e.reduce((s, u) => s + u));
      for (let a = 0; a < d; a++)
        for (let i = 0; i < C; i++)
          for (let b = 0; b < d; b++)
            for (let j = 0; j < C; j++)
              H[a * C + i]![b * C + j]! +=
                (X[n * d + a]! * X[n * d + b]! * ((i === j ? p[i]! : 0) - p[i]! * p[j]!)) / N;
    }
    for (let trial = 0; trial < 3; trial++) {
      const v = gaussian(d * C);
      expect(relativeError(hvp(loss, [W], [v])[0]!, matVec(H, v))).toBeLessThan(1e-6);
    }
    expect(relativeError(flat(hessianByHvp(loss, [W])), flat(H))).toBeLessThan(1e-6);
  });

  it("tanh MLP with squared loss: H = (2/N) Σ (J Jᵀ + r ∂²y), to 1e-6 relative", () => {
    const [N, d, h] = [25, 3, 4];
    const X = gaussian(N * d);
    const t = gaussian(N);
    const W1 = tensor(gaussian(d * h, 0.8), [d, h], { dtype: "f64", requiresGrad: true });
    const w2 = tensor(gaussian(h, 0.8), [h, 1], { dtype: "f64", requiresGrad: true });
    const x = tensor(X, [N, d], { dtype: "f64" });
    const target = tensor(t, [N, 1], { dtype: "f64" });
    const loss = () => mseLoss(x.matmul(W1).tanh().matmul(w2), target);
    const P = d * h + h; // W1[k, j] at k·h + j, then w2[j] at d·h + j
    const H = Array.from({ length: P }, () => new Float64Array(P));
    for (let n = 0; n < N; n++) {
      const a = Array.from({ length: h }, (_, j) =>
        Math.tanh(
          Array.from({ length: d }, (_, k) => X[n * d + k]! * W1.data[k * h + j]!).reduce(
            (s, u) => s + u,
          ),
        ),
      );
      const r = a.reduce((s, aj, j) => s + aj * w2.data[j]!, 0) - t[n]!;
      const J = new Float64Array(P);
      for (let j = 0; j < h; j++) {
        J[d * h + j] = a[j]!;
        for (let k = 0; k < d; k++) J[k * h + j] = w2.data[j]! * (1 - a[j]! ** 2) * X[n * d + k]!;
      }
      for (let p = 0; p < P; p++) for (let q = 0; q < P; q++) H[p]![q]! += (2 / N) * J[p]! * J[q]!;
      for (let j = 0; j < h; j++) {
        const s = 1 - a[j]! ** 2;
        for (let k = 0; k < d; k++) {
          const kj = k * h + j;
          H[kj]![d * h + j]! += (2 / N) * r * s * X[n * d + k]!;
          H[d * h + j]![kj]! += (2 / N) * r * s * X[n * d + k]!;
          for (let l = 0; l < d; l++)
            H[kj]![l * h + j]! +=
              (2 / N) * r * w2.data[j]! * -2 * a[j]! * s * X[n * d + k]! * X[n * d + l]!;
        }
      }
    }
    for (let trial = 0; trial < 3; trial++) {
      const v = [gaussian(d * h), gaussian(h)];
      expect(relativeError(flat(hvp(loss, [W1, w2], v)), matVec(H, flat(v)))).toBeLessThan(1e-6);
    }
    expect(relativeError(flat(hessianByHvp(loss, [W1, w2])), flat(H))).toBeLessThan(1e-6);
  });

  it("leaves the parameters bit for bit and their gradients as they were", () => {
    const w = tensor(gaussian(6), [6], { dtype: "f64", requiresGrad: true });
    const before = w.data.slice();
    w.grad = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const grad = w.grad;
    hvp(() => w.tanh().pow(3).sum(), [w], [gaussian(6)]);
    expect(Array.from(w.data)).toEqual(Array.from(before));
    expect(w.grad).toBe(grad);
  });

  it("accepts the direction as tensors and gives zeros for v = 0", () => {
    const w = tensor([0.3, -0.2], { dtype: "f64", requiresGrad: true });
    const loss = () => w.mul(w).mul(w).sum(); // H = diag(6w)
    const hv = hvp(loss, [w], [tensor([1, 1], { dtype: "f64" })])[0]!;
    expect(hv[0]).toBeCloseTo(1.8, 8);
    expect(hv[1]).toBeCloseTo(-1.2, 8);
    expect(Array.from(hvp(loss, [w], [new Float64Array(2)])[0]!)).toEqual([0, 0]);
  });
});

describe("hvp: bad input gets a named TensorError", () => {
  const w = tensor([1, 2, 3], { dtype: "f64", requiresGrad: true });
  const v = [Float64Array.from([1, 0, 0])];

  it("a non-scalar loss", () => {
    expect(() => hvp(() => w.mul(w), [w], v)).toThrow(TensorError);
    expect(() => hvp(() => w.mul(w), [w], v)).toThrow(
      /hvp: lossFn returned a non-scalar loss of shape \[3\]/,
    );
  });

  it("a direction whose shapes or count do not match the parameters", () => {
    const loss = () => w.mul(w).sum();
    expect(() => hvp(loss, [w], [new Float64Array(2)])).toThrow(
      /hvp: v\[0\] of length 2 for params\[0\] of shape \[3\]/,
    );
    expect(() => hvp(loss, [w], [tensor([[1, 2, 3]], { dtype: "f64" })])).toThrow(
      /v\[0\] of shape \[1,3\] for params\[0\] of shape \[3\]/,
    );
    expect(() => hvp(loss, [w], [...v, ...v])).toThrow(/a direction of 2 arrays for 1 parameters/);
  });

  it("parameters that are not trainable f64 leaves, and a loss without a graph", () => {
    const f32 = randn([3], makeRng(1), { requiresGrad: true });
    expect(() => hvp(() => f32.sum(), [f32], v)).toThrow(/params\[0\] of dtype f32 \(expected f64/);
    const frozen = tensor([1, 2, 3], { dtype: "f64" });
    expect(() => hvp(() => frozen.sum(), [frozen], v)).toThrow(/params\[0\] does not require grad/);
    const other = tensor([1, 2, 3], { dtype: "f64" });
    expect(() => hvp(() => other.sum(), [w], v)).toThrow(/records no graph/);
  });
});
