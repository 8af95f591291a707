// Bahri et al. 2021, §3: a linear teacher on S latent features with a power-law spectrum,
// λ_k = k^−(1+α_K), and a student that sees P random projections of them (E: P × S, entries
// N(0, 1/P)) and is fit by minimum-norm least squares on D samples. The test loss is exact:
// L(θ) = (w − Eᵀθ)ᵀ Λ (w − Eᵀθ), so no test set is drawn. Small solves use ml-matrix; the
// few large products are plain loops over row-major Float64Arrays.
import { CholeskyDecomposition, Matrix } from "ml-matrix";
import type { Rng } from "../../data/random.ts";

export interface Teacher {
  S: number;
  alphaK: number;
  lambda: Float64Array;
  w: Float64Array;
}

/** A linear teacher on S latent features (Bahri et al. 2021, §3): spectrum λ_k = k^−(1+α_K) and weights w ~ N(0, 1). */
export function makeTeacher(S: number, alphaK: number, random: Rng): Teacher {
  const lambda = Float64Array.from({ length: S }, (_, k) => Math.pow(k + 1, -(1 + alphaK)));
  const w = Float64Array.from({ length: S }, () => random.normal());
  return { S, alphaK, lambda, w };
}

/** D inputs x ~ N(0, Λ), row-major D × S, and their targets y = w·x. */
export function sampleInputs(
  teacher: Teacher,
  D: number,
  random: Rng,
): { X: Float64Array; y: Float64Array } {
  const { S, lambda, w } = teacher;
  const X = new Float64Array(D * S);
  const y = new Float64Array(D);
  for (let d = 0; d < D; d++) {
    let dot = 0;
    for (let s = 0; s < S; s++) {
      const v = Math.sqrt(lambda[s]!) * random.normal();
      X[d * S + s] = v;
      dot += v * w[s]!;
    }
    y[d] = dot;
  }
  return { X, y };
}

/** Random projection E (P × S, row-major), entries N(0, 1/P). */
export function makeProjection(P: number, S: number, random: Rng): Float64Array {
  const scale = 1 / Math.sqrt(P);
  return Float64Array.from({ length: P * S }, () => scale * random.normal());
}

/** Exact test loss of a linear predictor v on the latent features: Σ λ_k (w_k − v_k)². */
export function latentLoss(teacher: Teacher, v: Float64Array): number {
  let loss = 0;
  for (let s = 0; s < teacher.S; s++) loss += teacher.lambda[s]! * (teacher.w[s]! - v[s]!) ** 2;
  return loss;
}

/** A·Bᵀ for row-major A (m × k) and B (n × k). */
function productABt(
  A: Float64Array,
  B: Float64Array,
  m: number,
  n: number,
  k: number,
): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      const a = i * k;
      const b = j * k;
      for (let t = 0; t < k; t++) s += A[a + t]! * B[b + t]!;
      out[i * n + j] = s;
    }
  }
  return out;
}

/** Solve G c = y for a symmetric positive-definite Gram matrix (n × n, row-major). */
function solveGram(G: Float64Array, n: number, y: Float64Array): Float64Array {
  // Symmetrise exactly: ml-matrix's Cholesky rejects round-off asymmetry.
  const rows = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => 0.5 * (G[i * n + j]! + G[j * n + i]!)),
  );
  const solution = new CholeskyDecomposition(new Matrix(rows)).solve(
    Matrix.columnVector(Array.from(y)),
  );
  return Float64Array.from(solution.getColumn(0));
}

/**
 * Minimum-norm least squares of y on the rows of F (D × P): θ = Fᵀ(FFᵀ)⁻¹y when P ≥ D
 * (interpolation), θ = (FᵀF)⁻¹Fᵀy when P < D.
 */
export function minNormLeastSquares(
  F: Float64Array,
  D: number,
  P: number,
  y: Float64Array,
): Float64Array {
  if (P >= D) {
    const c = solveGram(productABt(F, F, D, D, P), D, y);
    const theta = new Float64Array(P);
    for (let d = 0; d < D; d++) for (let p = 0; p < P; p++) theta[p] += F[d * P + p]! * c[d]!;
    return theta;
  }
  const Ft = new Float64Array(P * D);
  for (let d = 0; d < D; d++) for (let p = 0; p < P; p++) Ft[p * D + d] = F[d * P + p]!;
  const Fty = new Float64Array(P);
  for (let p = 0; p < P; p++) for (let d = 0; d < D; d++) Fty[p] += Ft[p * D + d]! * y[d]!;
  return solveGram(productABt(Ft, Ft, P, P, D), P, Fty);
}

/** Test loss of the student with projection E (P × S) fit on (X, y). */
export function studentLoss(
  teacher: Teacher,
  E: Float64Array,
  P: number,
  X: Float64Array,
  y: Float64Array,
  D: number,
): number {
  const S = teacher.S;
  const F = productABt(X, E, D, P, S);
  const theta = minNormLeastSquares(F, D, P, y);
  const v = new Float64Array(S);
  for (let p = 0; p < P; p++) for (let s = 0; s < S; s++) v[s] += E[p * S + s]! * theta[p]!;
  return latentLoss(teacher, v);
}

/** P → ∞: EᵀE → I, the student is min-norm regression on x itself. */
export function infiniteWidthLoss(
  teacher: Teacher,
  X: Float64Array,
  y: Float64Array,
  D: number,
): number {
  const S = teacher.S;
  const c = solveGram(productABt(X, X, D, D, S), D, y);
  const v = new Float64Array(S);
  for (let d = 0; d < D; d++) for (let s = 0; s < S; s++) v[s] += X[d * S + s]! * c[d]!;
  return latentLoss(teacher, v);
}

/** D → ∞: the best θ for projection E, L = wᵀΛw − bᵀM⁻¹b with M = EΛEᵀ, b = EΛw. */
export function infiniteDataLoss(teacher: Teacher, E: Float64Array, P: number): number {
  const { M, b, c } = featureMoments(teacher, E, P);
  const theta = solveGram(M, P, b);
  let total = c;
  for (let p = 0; p < P; p++) total -= b[p]! * theta[p]!;
  return total;
}

/**
 * Second moments of a student's features f = Ex (x ~ N(0, Λ)) and the target y = w·x:
 * M = E[ffᵀ] = EΛEᵀ (P × P), b = E[f y] = EΛw, c = E[y²] = wᵀΛw.
 */
export function featureMoments(
  teacher: Teacher,
  E: Float64Array,
  P: number,
): { M: Float64Array; b: Float64Array; c: number } {
  const { S, lambda, w } = teacher;
  const scaled = new Float64Array(P * S);
  for (let p = 0; p < P; p++)
    for (let s = 0; s < S; s++) scaled[p * S + s] = E[p * S + s]! * lambda[s]!;
  const M = productABt(scaled, E, P, P, S);
  const b = new Float64Array(P);
  for (let p = 0; p < P; p++) for (let s = 0; s < S; s++) b[p] += scaled[p * S + s]! * w[s]!;
  let c = 0;
  for (let s = 0; s < S; s++) c += lambda[s]! * w[s]! * w[s]!;
  return { M, b, c };
}

/** Lower Cholesky factor of a symmetric positive-definite matrix (n × n, row-major). */
function choleskyLower(G: Float64Array, n: number): Float64Array {
  const rows = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => 0.5 * (G[i * n + j]! + G[j * n + i]!)),
  );
  const L = new CholeskyDecomposition(new Matrix(rows)).lowerTriangularMatrix;
  return Float64Array.from(L.to1DArray());
}

/**
 * Underparameterised student (P < D) without drawing S-dimensional inputs: a sample's features
 * f = Ex and target y = w·x are jointly Gaussian with covariance [[EΛEᵀ, EΛw], [·, wᵀΛw]], so
 * D samples cost D·(P+1)² instead of D·S·P; the loss is the exact quadratic c − 2θᵀb + θᵀMθ.
 */
export function studentLossFromMoments(
  teacher: Teacher,
  E: Float64Array,
  P: number,
  D: number,
  random: Rng,
): number {
  const n = P + 1;
  const cov = new Float64Array(n * n);
  const { M, b, c } = featureMoments(teacher, E, P);
  for (let i = 0; i < P; i++) {
    for (let j = 0; j < P; j++) cov[i * n + j] = M[i * P + j]!;
    cov[i * n + P] = b[i]!;
    cov[P * n + i] = b[i]!;
  }
  cov[P * n + P] = c;
  const L = choleskyLower(cov, n);
  const F = new Float64Array(D * P);
  const y = new Float64Array(D);
  const z = new Float64Array(n);
  for (let d = 0; d < D; d++) {
    for (let i = 0; i < n; i++) z[i] = random.normal();
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j <= i; j++) v += L[i * n + j]! * z[j]!;
      if (i < P) F[d * P + i] = v;
      else y[d] = v;
    }
  }
  const theta = minNormLeastSquares(F, D, P, y);
  let loss = c;
  for (let i = 0; i < P; i++) {
    let Mtheta = 0;
    for (let j = 0; j < P; j++) Mtheta += M[i * P + j]! * theta[j]!;
    loss += theta[i]! * (Mtheta - 2 * b[i]!);
  }
  return loss;
}

/**
 * Overparameterised student (P ≥ D) with the projection drawn only where it matters. Write
 * E = G/√P and V an orthonormal basis of the span of the training inputs (Xᵀ = VR). Then
 * GXᵀ = G_V R with G_V = GV a P × D standard normal matrix, and the prediction Eᵀθ equals
 * V G_Vᵀ M (MᵀM)⁻¹ y + (I − VVᵀ) Z L̃ᵀ (MᵀM)⁻¹ y, M = G_V R, L̃L̃ᵀ = MᵀM, Z an S × D standard
 * normal matrix (the part of G outside V, independent of G_V, seen only through M). Same
 * distribution as drawing all P·S entries, at P·D + S·D normals per draw; the loss returned is
 * the mean over the antithetic pair (Z, −Z).
 */
export function studentLossSampled(
  teacher: Teacher,
  X: Float64Array,
  y: Float64Array,
  D: number,
  P: number,
  random: Rng,
): number {
  const S = teacher.S;
  // Gram–Schmidt on the rows of X: V (D × S, orthonormal rows), X = R V with R lower-triangular.
  const V = new Float64Array(D * S);
  const R = new Float64Array(D * D);
  for (let d = 0; d < D; d++) {
    const row = X.slice(d * S, (d + 1) * S);
    for (let e = 0; e < d; e++) {
      let dot = 0;
      for (let s = 0; s < S; s++) dot += row[s]! * V[e * S + s]!;
      R[d * D + e] = dot;
      for (let s = 0; s < S; s++) row[s] -= dot * V[e * S + s]!;
    }
    let norm = 0;
    for (let s = 0; s < S; s++) norm += row[s]! * row[s]!;
    norm = Math.sqrt(norm);
    R[d * D + d] = norm;
    for (let s = 0; s < S; s++) V[d * S + s] = row[s]! / norm;
  }
  // M = G_V Rᵀ (P × D): column d of M is G_V times row d of R.
  const GV = Float64Array.from({ length: P * D }, () => random.normal());
  const M = new Float64Array(P * D);
  for (let p = 0; p < P; p++) {
    for (let d = 0; d < D; d++) {
      let v = 0;
      for (let e = 0; e <= d; e++) v += GV[p * D + e]! * R[d * D + e]!;
      M[p * D + d] = v;
    }
  }
  const MtM = new Float64Array(D * D);
  for (let i = 0; i < D; i++)
    for (let j = 0; j < D; j++) {
      let v = 0;
      for (let p = 0; p < P; p++) v += M[p * D + i]! * M[p * D + j]!;
      MtM[i * D + j] = v;
    }
  const a = solveGram(MtM, D, y);
  // Inside the span: coefficients G_Vᵀ M a on the basis V.
  const Ma = new Float64Array(P);
  for (let p = 0; p < P; p++) for (let d = 0; d < D; d++) Ma[p] += M[p * D + d]! * a[d]!;
  const inside = new Float64Array(D);
  for (let e = 0; e < D; e++) for (let p = 0; p < P; p++) inside[e] += GV[p * D + e]! * Ma[p]!;
  // Outside the span: (I − VVᵀ) Z (L̃ᵀ a).
  const Lt = choleskyLower(MtM, D);
  const u = new Float64Array(D);
  for (let i = 0; i < D; i++) for (let j = 0; j <= i; j++) u[j] += Lt[i * D + j]! * a[i]!;
  const outside = new Float64Array(S);
  for (let s = 0; s < S; s++) {
    let v = 0;
    for (let d = 0; d < D; d++) v += random.normal() * u[d]!;
    outside[s] = v;
  }
  const coords = new Float64Array(D);
  for (let e = 0; e < D; e++) for (let s = 0; s < S; s++) coords[e] += V[e * S + s]! * outside[s]!;
  // Z and −Z are equally likely: averaging the two losses cancels the zero-mean cross term
  // between the in-span error and the out-of-span part (antithetic variates), same mean.
  const vIn = new Float64Array(S);
  const vOut = new Float64Array(S);
  for (let s = 0; s < S; s++) {
    let within = 0;
    let projected = 0;
    for (let e = 0; e < D; e++) {
      within += V[e * S + s]! * inside[e]!;
      projected += V[e * S + s]! * coords[e]!;
    }
    vIn[s] = within;
    vOut[s] = outside[s]! - projected;
  }
  const { lambda, w } = teacher;
  let loss = 0;
  for (let s = 0; s < S; s++) {
    const r = w[s]! - vIn[s]!;
    loss += lambda[s]! * (r * r + vOut[s]! * vOut[s]!);
  }
  return loss;
}
