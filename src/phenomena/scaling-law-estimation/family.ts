// A family of small models trained in the notebook: random-feature linear students of P
// parameters (Bahri et al. 2021's teacher-student model, with label noise) trained by
// one-pass SGD with Polyak averaging on a stream of fresh samples, one run per (size, token
// budget) with checkpoints along the way. Lin et al. 2024 ("Scaling Laws in Linear
// Regression") show this setting follows L ≈ E + A/N^α + B/D^β — the Chinchilla form — which
// makes it an honest, seconds-cheap stand-in for training transformers. The test loss is exact.
import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { rng } from "../../data/random.ts";
import { makeProjection, makeTeacher } from "../scaling-regimes/model.ts";
import type { Teacher } from "../scaling-regimes/model.ts";

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
  budgets: [1024, 4096, 16384],
  S: 1000,
  alphaK: 0.5,
  noise: 0.25,
  seed: 1,
};

/** Checkpoint steps: 16, 16√2, 32, … up to the budget (which is always included). */
export function checkpointSteps(budget: number): number[] {
  const steps: number[] = [];
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

function makeStudent(teacher: Teacher, P: number, noise: number, seed: number): Student {
  const { S, lambda, w } = teacher;
  const E = makeProjection(P, S, rng(seed));
  const M = new Float64Array(P * P);
  const b = new Float64Array(P);
  for (let i = 0; i < P; i++) {
    for (let s = 0; s < S; s++) b[i] += E[i * S + s]! * lambda[s]! * w[s]!;
    for (let j = 0; j <= i; j++) {
      let v = 0;
      for (let s = 0; s < S; s++) v += E[i * S + s]! * lambda[s]! * E[j * S + s]!;
      M[i * P + j] = v;
      M[j * P + i] = v;
    }
  }
  let c = 0;
  for (let s = 0; s < S; s++) c += lambda[s]! * w[s]! * w[s]!;
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
  const checkpoints = new Set(checkpointSteps(budget));
  const out: { D: number; loss: number }[] = [];
  for (let step = 1; step <= budget; step++) {
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
  const { sizes, budgets, S, alphaK, noise, seed } = { ...defaults, ...options };
  const teacher = makeTeacher(S, alphaK, rng(seed));
  const checkpoints: Checkpoint[] = [];
  sizes.forEach((P, si) => {
    const student = makeStudent(teacher, P, noise, seed * 1000 + si);
    budgets.forEach((budget, bi) => {
      const run = `P${P}-D${budget}`;
      const points = trainRun(student, budget, noise, seed * 100000 + si * 100 + bi);
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
