// The synthetic task of the low-precision notebook: Gaussian inputs with a few outlier channels
// (as LLM activations have), labels drawn from a fixed random teacher's softmax, so the best
// achievable cross-entropy (the floor) is the teacher's mean entropy, computed exactly.
import { makeRng, type Rng } from "../../tensor/index.ts";

export interface SoftmaxTaskOptions {
  /** Input dimension (a multiple of 16 for the 16-element blocks). */
  input?: number;
  classes?: number;
  /** Hidden width of the teacher (tanh). */
  teacherWidth?: number;
  /** Teacher logit scale: larger → sharper labels → lower floor. */
  temperature?: number;
  /** Input channels scaled by `outlierScale` (the first ones). */
  outliers?: number;
  outlierScale?: number;
  seed?: number;
}

export interface SoftmaxTask {
  readonly input: number;
  readonly classes: number;
  /** Draw `n` samples: inputs [n·input] and labels. */
  sample(n: number, rng: Rng): { x: Float64Array; y: Int32Array };
  /** Teacher's class probabilities for the inputs (rows of `classes`). */
  probabilities(x: Float64Array, n: number): Float64Array;
}

const defaults: Required<SoftmaxTaskOptions> = {
  input: 32,
  classes: 16,
  teacherWidth: 64,
  temperature: 3,
  outliers: 2,
  outlierScale: 10,
  seed: 1,
};

/**
 * The notebook's synthetic classification task: `input`-dimensional Gaussian inputs whose first
 * `outliers` channels are scaled by `outlierScale`, labels sampled from a fixed random tanh
 * teacher's softmax (seeded by `seed`), so `lossFloor(task, x, n)` is the exact best cross-entropy on inputs x.
 */
export function makeSoftmaxTask(options: SoftmaxTaskOptions = {}): SoftmaxTask {
  const o = { ...defaults, ...options };
  const rng = makeRng(o.seed * 7919 + 17);
  const { input: d, classes: c, teacherWidth: h } = o;
  const w1 = Float64Array.from({ length: d * h }, () => rng.normal() * Math.sqrt(2 / d));
  const w2 = Float64Array.from({ length: h * c }, () => rng.normal() / Math.sqrt(h));
  const channelScale = Float64Array.from({ length: d }, (_, i) =>
    i < o.outliers ? o.outlierScale : 1,
  );
  const temperature = o.temperature;
  const probabilities = (x: Float64Array, n: number): Float64Array => {
    const p = new Float64Array(n * c);
    const hid = new Float64Array(h);
    const v = new Float64Array(d);
    const z = new Float64Array(c);
    for (let s = 0; s < n; s++) {
      // The teacher sees the channel on a unit scale: outliers are big numbers, not big signals.
      for (let i = 0; i < d; i++) v[i] = x[s * d + i]! / channelScale[i]!;
      dotColumns(v, w1, d, h, hid);
      for (let j = 0; j < h; j++) hid[j] = Math.tanh(hid[j]!); // once per unit, not per class
      dotColumns(hid, w2, h, c, z);
      let max = -Infinity;
      for (let k = 0; k < c; k++) {
        const zk = z[k]! * temperature;
        p[s * c + k] = zk;
        if (zk > max) max = zk;
      }
      let sum = 0;
      for (let k = 0; k < c; k++) sum += p[s * c + k] = Math.exp(p[s * c + k]! - max);
      for (let k = 0; k < c; k++) p[s * c + k]! /= sum;
    }
    return p;
  };
  return {
    input: d,
    classes: c,
    probabilities,
    sample(n, r) {
      const x = new Float64Array(n * d);
      for (let i = 0; i < x.length; i++) x[i] = r.normal() * channelScale[i % d]!;
      const p = probabilities(x, n);
      const y = new Int32Array(n);
      for (let s = 0; s < n; s++) {
        let u = r.uniform();
        let k = 0;
        while (k < c - 1 && (u -= p[s * c + k]!) >= 0) k++;
        y[s] = k;
      }
      return { x, y };
    },
  };
}

/**
 * out[j] = Σ_i v[i]·w[i·cols + j] for j < cols, each sum taken in order of i from 0 (as a
 * row-major loop accumulates it), four columns at a time so that four independent sums are in
 * flight rather than one add waiting on the last.
 */
function dotColumns(
  v: Float64Array,
  w: Float64Array,
  rows: number,
  cols: number,
  out: Float64Array,
): void {
  let j = 0;
  for (; j + 3 < cols; j += 4) {
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    for (let i = 0, at = j; i < rows; i++, at += cols) {
      const vi = v[i]!;
      a0 += vi * w[at]!;
      a1 += vi * w[at + 1]!;
      a2 += vi * w[at + 2]!;
      a3 += vi * w[at + 3]!;
    }
    out[j] = a0;
    out[j + 1] = a1;
    out[j + 2] = a2;
    out[j + 3] = a3;
  }
  for (; j < cols; j++) {
    let a = 0;
    for (let i = 0, at = j; i < rows; i++, at += cols) a += v[i]! * w[at]!;
    out[j] = a;
  }
}

/** The loss floor on a sample: mean entropy of the teacher's label distribution (nats). */
export function lossFloor(task: SoftmaxTask, x: Float64Array, n: number): number {
  const p = task.probabilities(x, n);
  let h = 0;
  for (const v of p) if (v > 0) h -= v * Math.log(v);
  return h / n;
}
