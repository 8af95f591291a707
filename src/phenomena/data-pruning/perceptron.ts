// Sorscher et al. 2022, §2: a teacher perceptron T labels Gaussian inputs, y = sign(T·x),
// x ~ N(0, I_N); data are pruned by their margin |u·x| along a probe u, which is the teacher
// itself (a perfect metric) or a direction at angle θ to it (an imperfect one). A student
// perceptron J errs on a fresh input with probability exactly arccos(R)/π, R = J·T/(‖J‖‖T‖),
// since (J·x, T·x) is a bivariate Gaussian — so no test set is drawn.
import type { Rng } from "../../tensor/rng.ts";
import { PruningError } from "./errors.ts";

export type KeepRule = "hard" | "easy" | "random";

export interface LabelledSet {
  N: number;
  P: number;
  /** P rows of N inputs, row-major. */
  X: Float64Array;
  /** Labels ±1. */
  y: Int8Array;
}

/** A unit vector drawn uniformly on the sphere. */
export function randomDirection(N: number, random: Rng): Float64Array {
  const v = Float64Array.from({ length: N }, () => random.normal());
  return scaleToUnit(v);
}

function scaleToUnit(v: Float64Array): Float64Array {
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>, offset = 0): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * b[offset + k]!;
  return s;
}

/** P Gaussian inputs labelled by the teacher. */
export function teacherLabelled(teacher: Float64Array, P: number, random: Rng): LabelledSet {
  const N = teacher.length;
  const X = Float64Array.from({ length: P * N }, () => random.normal());
  const y = new Int8Array(P);
  for (let i = 0; i < P; i++) y[i] = dot(teacher, X, i * N) >= 0 ? 1 : -1;
  return { N, P, X, y };
}

/** A unit probe at angle θ (radians) to the teacher, in a random direction orthogonal to it. */
export function probeAtAngle(teacher: Float64Array, theta: number, random: Rng): Float64Array {
  const t = scaleToUnit(teacher);
  const u = Float64Array.from({ length: t.length }, () => random.normal());
  const along = dot(u, t);
  for (let k = 0; k < u.length; k++) u[k] -= along * t[k]!;
  const v = scaleToUnit(u);
  return t.map((tk, k) => Math.cos(theta) * tk + Math.sin(theta) * v[k]!);
}

/**
 * Indices of the examples kept: the `keep` smallest margins |probe·x| ("hard"), the largest
 * ("easy"), or a random subset.
 */
export function keepIndices(
  data: LabelledSet,
  probe: Float64Array,
  keep: number,
  rule: KeepRule,
  random: Rng,
): Int32Array {
  if (!(Number.isInteger(keep) && keep >= 1 && keep <= data.P))
    throw new PruningError("keepIndices(keep)", `keep = ${keep}`, `an integer in 1 … ${data.P}`);
  if (rule === "random") return random.permutation(data.P).slice(0, keep);
  const margin = Float64Array.from({ length: data.P }, (_, i) =>
    Math.abs(dot(probe, data.X, i * data.N)),
  );
  const order = Int32Array.from({ length: data.P }, (_, i) => i).sort((a, b) =>
    rule === "hard" ? margin[a]! - margin[b]! : margin[b]! - margin[a]!,
  );
  return order.slice(0, keep);
}

/** The rows `indices` of a labelled set. */
export function subset(data: LabelledSet, indices: Int32Array): LabelledSet {
  const { N } = data;
  const X = new Float64Array(indices.length * N);
  const y = new Int8Array(indices.length);
  indices.forEach((i, r) => {
    X.set(data.X.subarray(i * N, (i + 1) * N), r * N);
    y[r] = data.y[i]!;
  });
  return { N, P: indices.length, X, y };
}

/** Generalisation error of a student perceptron J: arccos(R)/π. */
export function perceptronError(student: ArrayLike<number>, teacher: ArrayLike<number>): number {
  const R = dot(student, teacher) / Math.sqrt(dot(student, student) * dot(teacher, teacher));
  return Math.acos(Math.max(-1, Math.min(1, R))) / Math.PI;
}
