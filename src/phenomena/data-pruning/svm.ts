// The max-margin perceptron through the origin (hard-margin linear SVM without bias):
// minimise ½‖w‖² subject to z_i·w ≥ 1, z_i = y_i x_i. Newton's method with exact line search on
// the squared-hinge primal ½‖w‖² + C Σ max(0, 1 − z_i·w)² (Keerthi & DeCoste 2005) proposes
// support sets; after every step the exact solution on the current one, w = Z_Sᵀ(Z_S Z_Sᵀ)⁻¹1,
// is accepted if it carries a KKT certificate (all dual weights > 0, all margins ≥ 1); C grows
// a hundredfold when Newton settles without one. Hand-written: npm's SVM packages (libsvm-js,
// ml-svm) always fit a bias and have had no release in years, and dual coordinate ascent
// (Hsieh et al. 2008) needed 10⁴ epochs on hard-pruned sets.
import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { PruningError } from "./errors.ts";

export interface MaxMarginResult {
  /** Weights with functional margin 1: min_i y_i w·x_i = 1. */
  w: Float64Array;
  /** Indices of the support vectors (margin exactly 1). */
  support: Int32Array;
  /** Dual weights of the support vectors: w = Σ β_s y_s x_s, all > 0. */
  beta: Float64Array;
  /** The geometric margin min_i y_i ŵ·x_i = 1/‖w‖. */
  margin: number;
  /** Newton steps taken in all. */
  newtonSteps: number;
}

/**
 * X: P rows of N inputs (row-major); y: labels ±1. The data must be linearly separable and in
 * general position (no more than N points on the optimal margin), as Gaussian inputs are.
 */
export function maxMarginSeparator(
  X: Float64Array,
  y: ArrayLike<number>,
  N: number,
): MaxMarginResult {
  const P = y.length;
  if (X.length !== P * N)
    throw new PruningError(
      "maxMarginSeparator(X)",
      `${X.length} entries for ${P} rows of ${N}`,
      "P·N entries",
    );
  const Z = new Float64Array(P * N);
  for (let i = 0; i < P; i++) for (let k = 0; k < N; k++) Z[i * N + k] = y[i]! * X[i * N + k]!;
  let w: Float64Array = new Float64Array(N);
  let newtonSteps = 0;
  for (let C = 1e2; C <= 1e14; C *= 100) {
    const fit = squaredHingeNewton(Z, P, N, C, w);
    w = fit.w;
    newtonSteps += fit.steps;
    if (fit.exact) {
      const { w: exactW, beta } = fit.exact;
      return {
        w: exactW,
        beta,
        support: fit.active,
        margin: 1 / Math.hypot(...exactW),
        newtonSteps,
      };
    }
  }
  throw new PruningError(
    "maxMarginSeparator",
    "no certified max-margin solution up to C = 1e14",
    "linearly separable data",
  );
}

function margins(Z: Float64Array, P: number, N: number, w: Float64Array): Float64Array {
  const out = new Float64Array(P);
  for (let i = 0; i < P; i++) {
    let s = 0;
    for (let k = 0; k < N; k++) s += Z[i * N + k]! * w[k]!;
    out[i] = s;
  }
  return out;
}

/**
 * The minimiser of φ(t) = f(w + t·d) for the squared-hinge objective f: φ′ is piecewise
 * linear and increasing, φ′(t) = w·d + t‖d‖² − 2C Σ_{m_i + t q_i < 1} (1 − m_i − t q_i) q_i with
 * q = Zd, so bisection on its sign costs O(P) per probe.
 */
function exactLineSearch(
  w: Float64Array,
  d: Float64Array,
  m: Float64Array,
  q: Float64Array,
  C: number,
): number {
  let wd = 0;
  let dd = 0;
  for (let k = 0; k < w.length; k++) {
    wd += w[k]! * d[k]!;
    dd += d[k]! * d[k]!;
  }
  const slope = (t: number): number => {
    let g = wd + t * dd;
    for (let i = 0; i < m.length; i++) {
      const r = 1 - m[i]! - t * q[i]!;
      if (r > 0) g -= 2 * C * r * q[i]!;
    }
    return g;
  };
  let lo = 0;
  let hi = 1;
  while (slope(hi) < 0 && hi < 1e6) [lo, hi] = [hi, 2 * hi];
  for (let it = 0; it < 60 && hi - lo > 1e-15 * hi; it++) {
    const mid = 0.5 * (lo + hi);
    if (slope(mid) < 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Newton with exact line search on ½‖w‖² + C Σ max(0, 1 − z·w)², from w0. */
function squaredHingeNewton(
  Z: Float64Array,
  P: number,
  N: number,
  C: number,
  w0: Float64Array,
): {
  w: Float64Array;
  active: Int32Array;
  steps: number;
  exact: { w: Float64Array; beta: Float64Array } | null;
} {
  let w = Float64Array.from(w0);
  let m = margins(Z, P, N, w);
  let steps = 0;
  // The objective is quadratic on each active set: a full Newton step that leaves the active
  // set unchanged has landed on the exact minimum.
  let settled = false;
  while (!settled && steps < 200) {
    steps++;
    const grad = Float64Array.from(w);
    const H = new Float64Array(N * N);
    for (let k = 0; k < N; k++) H[k * N + k] = 1;
    for (let i = 0; i < P; i++) {
      const r = 1 - m[i]!;
      if (r <= 0) continue;
      const row = i * N;
      for (let a = 0; a < N; a++) {
        const za = Z[row + a]!;
        grad[a] -= 2 * C * r * za;
        const c = 2 * C * za;
        for (let b = a; b < N; b++) H[a * N + b] += c * Z[row + b]!;
      }
    }
    const d = solveSymmetric(
      H,
      N,
      grad.map((g) => -g),
    );
    const q = margins(Z, P, N, d);
    const t = exactLineSearch(w, d, m, q, C);
    const next = w.map((v, k) => v + t * d[k]!);
    const mNext = m.map((v, i) => v + t * q[i]!);
    settled = mNext.every((v, i) => v < 1 === m[i]! < 1);
    w = next;
    m = mNext;
    {
      const support = activeSet(m);
      const exact = solveOnSupport(Z, N, support);
      if (exact && certified(Z, P, N, exact.w, exact.beta))
        return { w, active: support, steps, exact };
    }
  }
  return { w, active: activeSet(m), steps, exact: null };
}

function activeSet(m: Float64Array): Int32Array {
  const active: number[] = [];
  m.forEach((v, i) => {
    if (v < 1) active.push(i);
  });
  return Int32Array.from(active);
}

/** Solve H x = b for symmetric positive-definite H given by its upper triangle. */
function solveSymmetric(H: Float64Array, n: number, b: Float64Array): Float64Array {
  const rows = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i <= j ? H[i * n + j]! : H[j * n + i]!)),
  );
  const x = new CholeskyDecomposition(new Matrix(rows)).solve(Matrix.columnVector(Array.from(b)));
  return Float64Array.from(x.getColumn(0));
}

/** The minimum-norm w with z_s·w = 1 on the support set: w = Z_Sᵀβ, (Z_S Z_Sᵀ)β = 1. */
function solveOnSupport(
  Z: Float64Array,
  N: number,
  support: Int32Array,
): { w: Float64Array; beta: Float64Array } | null {
  const s = support.length;
  if (s === 0 || s > N) return null;
  const G = new Float64Array(s * s);
  for (let a = 0; a < s; a++) {
    for (let b = a; b < s; b++) {
      let v = 0;
      const ra = support[a]! * N;
      const rb = support[b]! * N;
      for (let k = 0; k < N; k++) v += Z[ra + k]! * Z[rb + k]!;
      G[a * s + b] = v;
    }
  }
  let beta: Float64Array;
  try {
    beta = solveSymmetric(G, s, new Float64Array(s).fill(1));
  } catch {
    return null; // a degenerate support set: let C grow
  }
  const w = new Float64Array(N);
  for (let a = 0; a < s; a++) {
    const row = support[a]! * N;
    for (let k = 0; k < N; k++) w[k] += beta[a]! * Z[row + k]!;
  }
  return { w, beta };
}

/** KKT for the hard margin: dual weights ≥ 0 and every margin ≥ 1 (to round-off). */
function certified(
  Z: Float64Array,
  P: number,
  N: number,
  w: Float64Array,
  beta: Float64Array,
): boolean {
  if (beta.some((b) => !(b > 0))) return false;
  return margins(Z, P, N, w).every((v) => v >= 1 - 1e-9);
}
