// The edge-of-stability testbed's data: Gaussian inputs in R^d labelled by a random tanh teacher
// network (argmax of its 10 outputs) and encoded one-hot, so squared loss regresses onto class
// indicators as Cohen et al. 2021 do with CIFAR-10 (their §3, "MSE loss"). Seeded, no downloads.
import { makeRng, tensor, type Tensor } from "../../tensor/index.ts";

export interface TeacherData {
  /** Inputs [n, d], f64. */
  x: Tensor;
  /** One-hot targets [n, classes], f64. */
  y: Tensor;
  /** The teacher's class of each input. */
  labels: Int32Array;
}

export interface TeacherOptions {
  n: number;
  d: number;
  classes: number;
  /** Hidden width of the teacher tanh network. */
  teacherWidth: number;
  seed: number;
}

/**
 * The edge-of-stability data set: `n` Gaussian inputs in R^d labelled by the argmax of a random
 * tanh teacher (hidden width `teacherWidth`, `classes` outputs), with one-hot targets; f64, seeded.
 */
export function teacherData({ n, d, classes, teacherWidth, seed }: TeacherOptions): TeacherData {
  const rng = makeRng(seed);
  const x = Float64Array.from({ length: n * d }, () => rng.normal());
  const w1 = Float64Array.from({ length: d * teacherWidth }, () => rng.normal());
  const w2 = Float64Array.from({ length: teacherWidth * classes }, () => rng.normal());
  const labels = new Int32Array(n);
  const y = new Float64Array(n * classes);
  const hidden = new Float64Array(teacherWidth);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < teacherWidth; j++) {
      let z = 0;
      for (let k = 0; k < d; k++) z += x[i * d + k]! * w1[k * teacherWidth + j]!;
      hidden[j] = Math.tanh(z / Math.sqrt(d));
    }
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < classes; c++) {
      let s = 0;
      for (let j = 0; j < teacherWidth; j++) s += hidden[j]! * w2[j * classes + c]!;
      if (s > bestScore) [best, bestScore] = [c, s];
    }
    labels[i] = best;
    y[i * classes + best] = 1;
  }
  return {
    x: tensor(x, [n, d], { dtype: "f64" }),
    y: tensor(y, [n, classes], { dtype: "f64" }),
    labels,
  };
}
