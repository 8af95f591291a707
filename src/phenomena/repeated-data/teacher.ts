// The repeated-data testbed (Hernandez et al. 2022, in a regression toy): a fixed random ReLU
// teacher on Gaussian inputs in R^d, scaled up ×3, observed with Gaussian label noise; the
// student is a random-features model, P fixed ReLU features ReLU(Wx)/√P with a trained linear
// read-out, so "model size" is P and "fully trained" is the closed-form ridge solution.
import { makeRng, relu, tensor, type Rng } from "../../tensor/index.ts";

export interface Testbed {
  /** Input dimension. */
  d: number;
  /** Feature count of the student (its size). */
  P: number;
  /** Teacher: ReLU(X·Uᵀ)·a·3, U: K × d, a: K. */
  U: Float64Array;
  a: Float64Array;
  /** Student features: ReLU(X·Wᵀ)/√P, W: P × d. */
  W: Float64Array;
  noise: number;
}

export interface TestbedOptions {
  d?: number;
  P?: number;
  teacherWidth?: number;
  noise?: number;
}

const gaussian = (n: number, scale: number, random: Rng) =>
  Float64Array.from({ length: n }, () => random.normal() * scale);

/** Teacher first, then the features, from `random` (so the same seed gives the same teacher at every P). */
export function makeTestbed(random: Rng, options: TestbedOptions = {}): Testbed {
  const { d = 10, P = 200, teacherWidth = 50, noise = 0.5 } = options;
  const U = gaussian(teacherWidth * d, 1 / Math.sqrt(d), random);
  const a = gaussian(teacherWidth, 1 / Math.sqrt(teacherWidth), random);
  const W = gaussian(P * d, 1 / Math.sqrt(d), makeRng(Math.floor(random.uniform() * 2 ** 31)));
  return { d, P, U, a, W, noise };
}

/** n Gaussian inputs (n × d, row-major). */
export function sampleInputs(testbed: Testbed, n: number, random: Rng): Float64Array {
  return gaussian(n * testbed.d, 1, random);
}

/** The teacher's clean output on each input row. */
export function teacherOutput(testbed: Testbed, X: Float64Array): Float64Array {
  const { d, U, a } = testbed;
  const n = X.length / d;
  const K = a.length;
  const hidden = relu(
    tensor(X, [n, d], { dtype: "f64" }).matmul(tensor(U, [K, d], { dtype: "f64" }).transpose()),
  );
  return scaled(hidden.matmul(tensor(a, [K, 1], { dtype: "f64" })).data, (v) => 3 * v);
}

/** The student's features of each input row (n × P, row-major). */
export function features(testbed: Testbed, X: Float64Array): Float64Array {
  const { d, P, W } = testbed;
  const n = X.length / d;
  const Phi = relu(
    tensor(X, [n, d], { dtype: "f64" }).matmul(tensor(W, [P, d], { dtype: "f64" }).transpose()),
  );
  const sqrtP = Math.sqrt(P);
  return scaled(Phi.data, (v) => v / sqrtP);
}

/**
 * f applied to every value, into a new Float64Array: a plain loop, which V8 inlines, where
 * Float64Array.from(data, f) goes through the iterator protocol (20× slower on 800k features).
 */
function scaled(data: ArrayLike<number>, f: (v: number) => number): Float64Array {
  const out = new Float64Array(data.length);
  for (let i = 0; i < out.length; i++) out[i] = f(data[i]!);
  return out;
}
