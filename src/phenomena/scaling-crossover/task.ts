// The random-features regression task: x ∈ ℝ^d standard normal, a teacher f(x) = s·aᵀReLU(Ux)
// (a small ReLU network) plus Gaussian label noise, and a student that sees P fixed random ReLU
// features φ(x) = ReLU(Wx)/√P and fits only its linear readout. Test error is measured
// through the second moments of a large test draw, so any readout is scored in O(P²).
import type { Rng } from "../../data/random.ts";
import { gemm } from "../../tensor/kernels/gemm.ts";
import { CrossoverError } from "./errors.ts";

export interface TaskOptions {
  /** Input dimension (default 10). */
  d?: number;
  /** Random features of the student (default 200). */
  P?: number;
  /** Hidden units of the teacher (default 50). */
  hidden?: number;
  /** Output scale s of the teacher (default 3). */
  scale?: number;
  /** Standard deviation of the label noise (default 0.3). */
  noise?: number;
}

export interface FeatureTask {
  d: number;
  P: number;
  hidden: number;
  scale: number;
  noise: number;
  /** Teacher's first layer, hidden × d, entries N(0, 1/d). */
  U: Float64Array;
  /** Teacher's readout, entries N(0, 1/hidden). */
  a: Float64Array;
  /** Student's fixed features, P × d, entries N(0, 1/d). */
  W: Float64Array;
}

export interface Sample {
  n: number;
  /** φ(x) for every input, n × P row-major. */
  features: Float64Array;
  /** Noisy labels f(x) + ε. */
  y: Float64Array;
  /** Clean teacher outputs f(x). */
  f: Float64Array;
}

/** Second moments of a test draw: A = E[φφᵀ], b = E[φ f], c = E[f²] (clean targets). */
export interface TestMoments {
  P: number;
  A: Float64Array;
  b: Float64Array;
  c: number;
}

const positiveInteger = (v: number): boolean => Number.isInteger(v) && v > 0;

/**
 * Draws a random-features regression task: teacher s·aᵀReLU(Ux) on x ∈ R^d (d 10, hidden 50,
 * scale 3) with label noise (0.3), and a student's P (200) fixed ReLU features. Throws
 * CrossoverError for a non-positive-integer size or negative noise.
 */
export function makeTask(options: TaskOptions, random: Rng): FeatureTask {
  const { d = 10, P = 200, hidden = 50, scale = 3, noise = 0.3 } = options;
  for (const [name, v] of [
    ["d", d],
    ["P", P],
    ["hidden", hidden],
  ] as const)
    if (!positiveInteger(v))
      throw new CrossoverError(`makeTask({${name}})`, `${name} = ${v}`, "a positive integer");
  if (!(noise >= 0))
    throw new CrossoverError("makeTask({noise})", `noise = ${noise}`, "a standard deviation ≥ 0");
  const draw = (n: number, sd: number): Float64Array =>
    Float64Array.from({ length: n }, () => sd * random.normal());
  const U = draw(hidden * d, 1 / Math.sqrt(d));
  const a = draw(hidden, 1 / Math.sqrt(hidden));
  const W = draw(P * d, 1 / Math.sqrt(d));
  return { d, P, hidden, scale, noise, U, a, W };
}

/** Draw n inputs with their features, clean targets and noisy labels. */
export function sampleTask(task: FeatureTask, n: number, random: Rng): Sample {
  if (!positiveInteger(n))
    throw new CrossoverError("sampleTask(n)", `n = ${n}`, "a positive number of samples");
  const { d, P, hidden, scale, noise, U, a, W } = task;
  const X = Float64Array.from({ length: n * d }, () => random.normal());
  const features = new Float64Array(n * P);
  gemm(X, W, features, n, d, P, false, true);
  const inv = 1 / Math.sqrt(P);
  for (let i = 0; i < features.length; i++) features[i] = features[i]! > 0 ? features[i]! * inv : 0;
  const H = new Float64Array(n * hidden);
  gemm(X, U, H, n, d, hidden, false, true);
  const f = new Float64Array(n);
  const y = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    let out = 0;
    for (let h = 0; h < hidden; h++) {
      const v = H[s * hidden + h]!;
      if (v > 0) out += a[h]! * v;
    }
    f[s] = scale * out;
    y[s] = f[s]! + noise * random.normal();
  }
  return { n, features, y, f };
}

/** Test moments from n fresh inputs (the reference scores on 4,000). */
export function testMoments(task: FeatureTask, n: number, random: Rng): TestMoments {
  const { P } = task;
  const { features, f } = sampleTask(task, n, random);
  const A = new Float64Array(P * P);
  gemm(features, features, A, P, n, P, true, false);
  const b = new Float64Array(P);
  let c = 0;
  for (let s = 0; s < n; s++) {
    const fs = f[s]!;
    c += fs * fs;
    for (let p = 0; p < P; p++) b[p] += features[s * P + p]! * fs;
  }
  for (let i = 0; i < A.length; i++) A[i] /= n;
  for (let p = 0; p < P; p++) b[p] /= n;
  return { P, A, b, c: c / n };
}

/** Mean squared error of the readout w against the clean teacher on the test draw. */
export function testError(moments: TestMoments, w: Float64Array): number {
  const { P, A, b, c } = moments;
  if (w.length !== P)
    throw new CrossoverError("testError(w)", `${w.length} weights`, `${P}, one per feature`);
  let quadratic = 0;
  let linear = 0;
  for (let i = 0; i < P; i++) {
    let Aw = 0;
    for (let j = 0; j < P; j++) Aw += A[i * P + j]! * w[j]!;
    quadratic += w[i]! * Aw;
    linear += b[i]! * w[i]!;
  }
  return quadratic - 2 * linear + c;
}
