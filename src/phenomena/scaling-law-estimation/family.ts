// The notebook's model family: linear students of P parameters on a power-law teacher with label
// noise (Bahri et al. 2021), one-pass SGD with Polyak averaging, checkpoints along each run — by
// Lin et al. 2024, E + A/N^α + B/D^β up to constants (exactly: a smoothed max of the two terms).
// Students see the top-P eigendirections (a noise-free sketch): random projections left small
// models ~20% off the trend and swapped adjacent sizes. |w_k| = 1 is the average teacher: with
// diagonal features SGD's expected loss depends on w only through w_k² (E w_k² = 1).
import { checkInterrupt } from "../../data/interrupt.ts";
import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { rng } from "../../data/random.ts";
import { featureMoments, makeProjection, makeTeacher } from "../scaling-regimes/model.ts";
import type { Teacher } from "../scaling-regimes/model.ts";
import { EstimationError } from "./errors.ts";

export interface FamilyOptions {
  /** Model sizes (parameters P). */
  sizes?: number[];
  /** Token budgets (samples seen) — one run per size and budget. */
  budgets?: number[];
  /** Latent features of the teacher and its spectrum exponent: λ_k = k^−(1+α_K). */
  S?: number;
  alphaK?: number;
  /** Label-noise variance: the irreducible loss E. */
  noise?: number;
  seed?: number;
  /** Checkpoint every this many samples (linear, as LLM runs save them); 0: geometric steps. */
  checkpointEvery?: number;
  /** Student features: the top-P eigendirections, or a Gaussian random projection (Bahri et al.). */
  features?: "spectral" | "random";
  /** Teacher weights: unit magnitudes with random signs (the average teacher), or N(0, 1). */
  teacher?: "unit" | "gaussian";
}

export interface Checkpoint {
  run: string;
  N: number;
  D: number;
  budget: number;
  loss: number;
  final: boolean;
}

const defaults = {
  sizes: [8, 16, 32, 64, 128, 256],
  budgets: [8192],
  S: 1000,
  alphaK: 0.5,
  noise: 0.25,
  seed: 1,
  checkpointEvery: 128,
  features: "spectral" as const,
  teacher: "unit" as const,
};

/**
 * Checkpoint steps up to the budget (always included): every `every` samples, or with
 * `every` = 0 geometric ones, 16, 16√2, 32, …
 */
export function checkpointSteps(budget: number, every = 0): number[] {
  const steps: number[] = [];
  if (every > 0) {
    for (let step = every; step < budget; step += every) steps.push(step);
    steps.push(budget);
    return steps;
  }
  for (let k = 0; ; k++) {
    const step = Math.round(16 * Math.pow(2, k / 2));
    if (step >= budget) break;
    steps.push(step);
  }
  steps.push(budget);
  return steps;
}

interface Student {
  P: number;
  /** Feature covariance EΛEᵀ (P × P), cross-moment EΛw, and E[y²] without noise. */
  M: Float64Array;
  b: Float64Array;
  c: number;
  /** Lower Cholesky factor of the (P+1) × (P+1) joint covariance of (f, y) with noise. */
  L: Float64Array;
}

/** Feature map E (P × S, row-major): the first P latent directions, or a random projection. */
function featureMap(
  P: number,
  S: number,
  features: "spectral" | "random",
  seed: number,
): Float64Array {
  if (features === "random") return makeProjection(P, S, rng(seed));
  const E = new Float64Array(P * S);
  for (let i = 0; i < P; i++) E[i * S + i] = 1;
  return E;
}

function makeStudent(teacher: Teacher, E: Float64Array, P: number, noise: number): Student {
  const { M, b, c } = featureMoments(teacher, E, P);
  // Exactly symmetric (ml-matrix's Cholesky rejects round-off asymmetry): the lower triangle.
  for (let i = 0; i < P; i++) for (let j = 0; j < i; j++) M[j * P + i] = M[i * P + j]!;
  const n = P + 1;
  const rows = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) =>
      i < P && j < P ? M[i * P + j]! : i < P ? b[i]! : j < P ? b[j]! : c + noise,
    ),
  );
  const L = Float64Array.from(
    new CholeskyDecomposition(new Matrix(rows)).lowerTriangularMatrix.to1DArray(),
  );
  return { P, M, b, c, L };
}

/** Exact test loss of θ: E[(y − θᵀf)²] = c + noise − 2θᵀb + θᵀMθ. */
function testLoss(student: Student, theta: Float64Array, noise: number): number {
  const { P, M, b, c } = student;
  let loss = c + noise;
  for (let i = 0; i < P; i++) {
    let Mt = 0;
    for (let j = 0; j < P; j++) Mt += M[i * P + j]! * theta[j]!;
    loss += theta[i]! * (Mt - 2 * b[i]!);
  }
  return loss;
}

/** One training run: SGD (η = 1/(2 tr M)) on fresh samples, losses of the averaged iterate. */
function trainRun(
  student: Student,
  budget: number,
  noise: number,
  seed: number,
  every: number,
): { D: number; loss: number }[] {
  const { P, L } = student;
  const n = P + 1;
  const random = rng(seed);
  let trace = 0;
  for (let i = 0; i < P; i++) trace += student.M[i * P + i]!;
  const lr = 1 / (2 * trace);
  const theta = new Float64Array(P);
  const average = new Float64Array(P);
  const z = new Float64Array(n);
  const sample = new Float64Array(n);
  const checkpoints = new Set(checkpointSteps(budget, every));
  const out: { D: number; loss: number }[] = [];
  for (let step = 1; step <= budget; step++) {
    checkInterrupt();
    for (let i = 0; i < n; i++) z[i] = random.normal();
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j <= i; j++) v += L[i * n + j]! * z[j]!;
      sample[i] = v;
    }
    let prediction = 0;
    for (let i = 0; i < P; i++) prediction += theta[i]! * sample[i]!;
    const error = sample[P]! - prediction;
    for (let i = 0; i < P; i++) {
      theta[i] += lr * error * sample[i]!;
      average[i] += (theta[i]! - average[i]!) / step;
    }
    if (checkpoints.has(step)) out.push({ D: step, loss: testLoss(student, average, noise) });
  }
  return out;
}

/** Train every (size, budget) run and return all checkpoints (the last of each run marked final). */
export function trainFamily(options: FamilyOptions = {}): Checkpoint[] {
  const {
    sizes,
    budgets,
    S,
    alphaK,
    noise,
    seed,
    checkpointEvery,
    features,
    teacher: weights,
  } = {
    ...defaults,
    ...options,
  };
  const tooLarge = sizes.find((P) => !Number.isInteger(P) || P < 1 || P > S);
  if (tooLarge !== undefined)
    throw new EstimationError("trainFamily(sizes)", `size ${tooLarge}`, `integers in 1…S = ${S}`);
  const teacher = makeTeacher(S, alphaK, rng(seed));
  // The average teacher: keep the draw's signs, set every |w_k| to E|w_k|² = 1.
  if (weights === "unit") teacher.w.forEach((v, s) => (teacher.w[s] = v < 0 ? -1 : 1));
  const checkpoints: Checkpoint[] = [];
  sizes.forEach((P, si) => {
    const E = featureMap(P, S, features, seed * 1000 + si);
    const student = makeStudent(teacher, E, P, noise);
    budgets.forEach((budget, bi) => {
      const run = `P${P}-D${budget}`;
      const points = trainRun(
        student,
        budget,
        noise,
        seed * 100000 + si * 100 + bi,
        checkpointEvery,
      );
      points.forEach((p, k) =>
        checkpoints.push({
          run,
          N: P,
          D: p.D,
          budget,
          loss: p.loss,
          final: k === points.length - 1,
        }),
      );
    });
  });
  return checkpoints;
}
