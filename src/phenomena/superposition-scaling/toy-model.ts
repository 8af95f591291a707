// The toy model of superposition (Elhage et al. 2022), as Liu, Liu & Gore 2025 train it:
// x̂ = ReLU(x W Wᵀ + b), W ∈ ℝ^{n×m}, mean squared error over samples and features. The
// forward and backward passes sit side by side and use the engine's matmul kernel directly:
// x is sparse (one active feature per sample on average), so x·W and xᵀ·(gW) are sums over
// active entries and only three dense B×n×m products remain per step (autodiff would do five).
import { gemm } from "../../tensor/kernels/gemm.ts";
import type { Rng } from "../../tensor/rng.ts";
import { Tensor } from "../../tensor/tensor.ts";
import type { SparseBatch } from "./features.ts";

export interface ToyModel {
  n: number;
  m: number;
  /** n × m, row i is feature i's representation vector. */
  W: Tensor;
  b: Tensor;
}

/** W ~ N(0, 1/m), b ~ N(0, 1), as the authors' FeatureRecovery module. */
export function makeToyModel(n: number, m: number, random: Rng): ToyModel {
  const scale = 1 / Math.sqrt(m);
  const W = Float32Array.from({ length: n * m }, () => scale * random.normal());
  const b = Float32Array.from({ length: n }, () => random.normal());
  return { n, m, W: new Tensor(W, [n, m], "f32", true), b: new Tensor(b, [n], "f32", true) };
}

/** Work buffers of one batch size, reused across steps. */
interface Buffers {
  h: Float32Array;
  z: Float32Array;
  gh: Float32Array;
  Wt: Float32Array;
}

const buffers = new WeakMap<ToyModel, Map<number, Buffers>>();

function buffersFor(model: ToyModel, B: number): Buffers {
  let byB = buffers.get(model);
  if (!byB) buffers.set(model, (byB = new Map()));
  let buf = byB.get(B);
  if (!buf) {
    const { n, m } = model;
    buf = {
      h: new Float32Array(B * m),
      z: new Float32Array(B * n),
      gh: new Float32Array(B * m),
      Wt: new Float32Array(m * n),
    };
    byB.set(B, buf);
  }
  return buf;
}

/** z = (xW)Wᵀ + b into buf.z, h = xW into buf.h. */
function forward(model: ToyModel, x: SparseBatch, buf: Buffers): void {
  const { n, m } = model;
  const W = model.W.data;
  const b = model.b.data;
  const { h, z, Wt } = buf;
  h.fill(0);
  for (let r = 0; r < x.B; r++) {
    for (let k = x.rowStart[r]!; k < x.rowStart[r + 1]!; k++) {
      const v = x.val[k]!;
      const w = x.col[k]! * m;
      for (let j = 0; j < m; j++) h[r * m + j] += v * W[w + j]!;
    }
  }
  // Wᵀ as its own m × n array: the kernel's plain layout is several times faster than transB.
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) Wt[j * n + i] = W[i * m + j]!;
  gemm(h, Wt, z, x.B, m, n);
  for (let r = 0; r < x.B; r++) {
    const row = r * n;
    for (let i = 0; i < n; i++) z[row + i] += b[i]!;
  }
}

/** Mean squared error of ReLU(z) against x, B·n entries. */
function squaredError(z: Float32Array, x: SparseBatch): number {
  let total = 0;
  for (let i = 0; i < z.length; i++) if (z[i]! > 0) total += z[i]! * z[i]!;
  // Active entries: replace ReLU(z)² by (ReLU(z) − v)².
  for (let r = 0; r < x.B; r++) {
    for (let k = x.rowStart[r]!; k < x.rowStart[r + 1]!; k++) {
      const y = Math.max(0, z[r * x.n + x.col[k]!]!);
      const v = x.val[k]!;
      total += (y - v) ** 2 - y * y;
    }
  }
  return total / (x.B * x.n);
}

/** Loss of one batch; fills W.grad and b.grad with its gradient. */
export function lossAndGradient(model: ToyModel, x: SparseBatch): number {
  const { n, m } = model;
  const B = x.B;
  const buf = buffersFor(model, B);
  forward(model, x, buf);
  const { h, z, gh } = buf;
  const loss = squaredError(z, x);
  // g = ∂L/∂z = (2/(Bn)) (ReLU(z) − x) ⊙ 1[z > 0], written over z in place: first as if
  // x = 0 everywhere, then the active entries (where g > 0 iff z > 0) subtract c·v.
  const c = 2 / (B * n);
  for (let i = 0; i < z.length; i++) z[i] = z[i]! > 0 ? c * z[i]! : 0;
  for (let r = 0; r < B; r++) {
    for (let k = x.rowStart[r]!; k < x.rowStart[r + 1]!; k++) {
      const at = r * n + x.col[k]!;
      if (z[at]! > 0) z[at] -= c * x.val[k]!;
    }
  }
  const g = z;
  const gb = (model.b.grad = new Float32Array(n));
  for (let r = 0; r < B; r++) for (let i = 0; i < n; i++) gb[i] += g[r * n + i]!;
  // ∂L/∂W = gᵀh (through Wᵀ) + xᵀ(gW) (through xW).
  const gW = (model.W.grad = new Float32Array(n * m));
  gemm(g, h, gW, n, B, m, true, false);
  gemm(g, model.W.data, gh, B, n, m);
  for (let r = 0; r < B; r++) {
    for (let k = x.rowStart[r]!; k < x.rowStart[r + 1]!; k++) {
      const v = x.val[k]!;
      const w = x.col[k]! * m;
      for (let j = 0; j < m; j++) gW[w + j] += v * gh[r * m + j]!;
    }
  }
  return loss;
}

/** Loss of one batch, no gradient. */
export function batchLoss(model: ToyModel, x: SparseBatch): number {
  const buf = buffersFor(model, x.B);
  forward(model, x, buf);
  return squaredError(buf.z, x);
}

/** Norm of each feature's representation vector (row of W). */
export function rowNorms(model: ToyModel): Float64Array {
  const { n, m } = model;
  const W = model.W.data;
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < m; j++) s += W[i * m + j]! ** 2;
    norms[i] = Math.sqrt(s);
  }
  return norms;
}

/** Share of features represented, ‖W_i‖ > threshold (the paper's φ, threshold ½). */
export function representedShare(model: ToyModel, threshold = 0.5): number {
  const norms = rowNorms(model);
  return norms.filter((v) => v > threshold).length / norms.length;
}
