// Closed-form readouts of the random-features student on its first n samples. The Gram matrix
// ΦᵀΦ is grown as n grows (nested data sets: the sweep's n samples are the first n of one
// draw), so a whole sweep costs one pass over the largest set; products go through the tensor
// engine's matmul kernel, solves through ml-matrix (Cholesky; SVD least squares when the Gram
// matrix is numerically singular, which happens only at the interpolation point λ = 0, n ≈ P).
import { CholeskyDecomposition, Matrix, SingularValueDecomposition } from "ml-matrix";
import { gemm } from "../../tensor/kernels/gemm.ts";
import { CrossoverError } from "./errors.ts";
import type { Sample } from "./task.ts";

export interface Gram {
  P: number;
  /** Samples accumulated so far. */
  n: number;
  /** ΦᵀΦ over those samples, P × P. */
  G: Float64Array;
  /** Φᵀy over those samples. */
  r: Float64Array;
}

/** An empty Gram accumulator ΦᵀΦ, Φᵀy for `P` random features (no samples yet). */
export function emptyGram(P: number): Gram {
  return { P, n: 0, G: new Float64Array(P * P), r: new Float64Array(P) };
}

/** Add samples gram.n … to−1 of `sample` (the same draw every call) to the Gram matrix. */
export function growGram(gram: Gram, sample: Sample, to: number): void {
  const { P, n: from } = gram;
  if (!(Number.isInteger(to) && to >= from && to <= sample.n))
    throw new CrossoverError("growGram(to)", `to = ${to}`, `an integer in [${from}, ${sample.n}]`);
  if (to === from) return;
  const rows = sample.features.subarray(from * P, to * P);
  const part = new Float64Array(P * P);
  gemm(rows, rows, part, P, to - from, P, true, false);
  for (let i = 0; i < part.length; i++) gram.G[i] += part[i]!;
  for (let s = from; s < to; s++) {
    const ys = sample.y[s]!;
    for (let p = 0; p < P; p++) gram.r[p] += sample.features[s * P + p]! * ys;
  }
  gram.n = to;
}

function symmetricMatrix(values: Float64Array, size: number, scale: number, ridge: number): Matrix {
  // Exact symmetry: ml-matrix's Cholesky rejects round-off asymmetry.
  return new Matrix(
    Array.from({ length: size }, (_, i) =>
      Array.from(
        { length: size },
        (_, j) =>
          0.5 * scale * (values[i * size + j]! + values[j * size + i]!) + (i === j ? ridge : 0),
      ),
    ),
  );
}

function solveSymmetric(M: Matrix, rhs: Float64Array): Float64Array {
  const b = Matrix.columnVector(Array.from(rhs));
  const cholesky = new CholeskyDecomposition(M);
  const x = cholesky.isPositiveDefinite()
    ? cholesky.solve(b)
    : new SingularValueDecomposition(M, { autoTranspose: true }).solve(b);
  return Float64Array.from(x.getColumn(0));
}

/**
 * Ridge readout with the penalty per sample, argmin (1/n)‖Φw − y‖² + λ‖w‖², i.e.
 * (ΦᵀΦ/n + λI) w = Φᵀy/n — the reference's (ΦᵀΦ + λnI)⁻¹Φᵀy. λ = 0 needs n ≥ P.
 */
export function ridgeReadout(gram: Gram, lambda: number): Float64Array {
  const { P, n } = gram;
  if (!(lambda >= 0))
    throw new CrossoverError("ridgeReadout(lambda)", `λ = ${lambda}`, "a penalty ≥ 0");
  if (n === 0 || (lambda === 0 && n < P))
    throw new CrossoverError(
      "ridgeReadout",
      `λ = 0 with n = ${n} samples for P = ${P} features`,
      "n ≥ P for least squares (use ridgelessReadout below the interpolation point)",
    );
  const rhs = gram.r.map((v) => v / n);
  return solveSymmetric(symmetricMatrix(gram.G, P, 1 / n, lambda), rhs);
}

/** Minimum-norm interpolant of the first n samples, Φᵀ(ΦΦᵀ)⁻¹y, for n < P. */
export function minNormReadout(sample: Sample, n: number, P: number): Float64Array {
  if (!(Number.isInteger(n) && n > 0 && n < P && n <= sample.n))
    throw new CrossoverError("minNormReadout(n)", `n = ${n}`, `0 < n < P = ${P}, n ≤ ${sample.n}`);
  const rows = sample.features.subarray(0, n * P);
  const K = new Float64Array(n * n);
  gemm(rows, rows, K, n, P, n, false, true);
  const c = solveSymmetric(symmetricMatrix(K, n, 1, 0), sample.y.subarray(0, n));
  const w = new Float64Array(P);
  for (let s = 0; s < n; s++) for (let p = 0; p < P; p++) w[p] += rows[s * P + p]! * c[s]!;
  return w;
}

/** The λ → 0 limit at any n: least squares above the interpolation point, min-norm below. */
export function ridgelessReadout(gram: Gram, sample: Sample): Float64Array {
  return gram.n >= gram.P ? ridgeReadout(gram, 0) : minNormReadout(sample, gram.n, gram.P);
}
