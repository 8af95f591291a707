// Sharpness: the top Hessian eigenvalue λ_max of a loss, by power iteration on Hessian-vector
// products (hvp.ts, central differences of gradients). Power iteration finds the eigenvalue of
// largest magnitude; near a minimum and along a training run that is λ_max (Cohen et al. 2021
// measure it the same way). Pass the previous `vector` as `v0` to warm-start along a run.
import { TensorError } from "./error.ts";
import {
  checkDirection,
  checkParams,
  dot,
  hvp,
  type ParamVector,
  type LossClosure,
} from "./hvp.ts";
import { makeRng } from "./rng.ts";
import type { Tensor } from "./tensor.ts";

export interface SharpnessOptions {
  /** Most power iterations (Hessian-vector products), default 20. */
  iters?: number;
  /** Stop when the Rayleigh quotient changes by at most tol·|λ| between iterations (1e-4). */
  tol?: number;
  /** Starting direction (e.g. the previous result's `vector`); default a seeded Gaussian. */
  v0?: ParamVector;
  /** Seed of the Gaussian starting direction (default 0). */
  seed?: number;
  /** Relative finite-difference step of the Hessian-vector products (hvp's default). */
  step?: number;
}

export interface Sharpness {
  /** The Rayleigh quotient vᵀHv at the last unit vector v multiplied: the estimate of λ_max. */
  value: number;
  /** Hv/‖Hv‖ from that v (the next iterate), one Float64Array per parameter: a warm start. */
  vector: Float64Array[];
  /** Hessian-vector products spent. */
  iterations: number;
  /** Whether the relative change fell to `tol` within `iters`. */
  converged: boolean;
}

/**
 * Sharpness λ_max: the top Hessian eigenvalue of `lossFn` at the current `params`, by power
 * iteration on Hessian-vector products (at most `iters` = 20, stopping at relative change `tol` =
 * 1e-4; seeded Gaussian start, or `v0`, e.g. the previous `vector`). Power iteration returns the
 * eigenvalue of largest magnitude. Throws TensorError for bad options, a zero `v0` or a
 * non-finite loss.
 * @example
 * const w = tensor([1, 2], { dtype: "f64", requiresGrad: true });
 * const { value } = sharpness(() => w.mul(w).mul(tensor([1, 3], { dtype: "f64" })).sum(), [w]); // ≈ 6
 */
export function sharpness(
  lossFn: LossClosure,
  params: readonly Tensor[],
  options: SharpnessOptions = {},
): Sharpness {
  const iters = options.iters ?? 20;
  const tol = options.tol ?? 1e-4;
  if (!Number.isInteger(iters) || iters < 1)
    throw new TensorError("sharpness", `iters ${iters}`, "a positive integer");
  if (!(tol >= 0)) throw new TensorError("sharpness", `tol ${tol}`, "tol ≥ 0");
  checkParams("sharpness", params);
  let v =
    options.v0 === undefined
      ? gaussian(params, options.seed ?? 0)
      : checkDirection("sharpness", params, options.v0).map((d) => Float64Array.from(d));
  if (!normalise(v)) throw new TensorError("sharpness", "a zero starting vector v0", "v0 ≠ 0");
  let value = NaN;
  for (let it = 1; it <= iters; it++) {
    const hv = hvp(lossFn, params, v, { step: options.step });
    const next = v.reduce((s, d, i) => s + dot(d, hv[i]!), 0);
    const done = Math.abs(next - value) <= tol * Math.abs(next);
    value = next;
    if (!Number.isFinite(next))
      throw new TensorError("sharpness", `a Rayleigh quotient of ${next}`, "a finite loss near θ");
    // Hv = 0 (a flat direction): v is an eigenvector with eigenvalue 0, nothing to iterate.
    if (!normalise(hv)) return { value, vector: v, iterations: it, converged: true };
    v = hv;
    if (done) return { value, vector: v, iterations: it, converged: true };
  }
  return { value, vector: v, iterations: iters, converged: false };
}

function gaussian(params: readonly Tensor[], seed: number): Float64Array[] {
  const rng = makeRng(seed);
  return params.map((p) => Float64Array.from({ length: p.size }, () => rng.normal()));
}

/** Scale to unit norm in place; false for a zero vector. */
function normalise(v: Float64Array[]): boolean {
  const n = Math.sqrt(v.reduce((s, d) => s + dot(d, d), 0));
  if (n === 0) return false;
  for (const d of v) for (let k = 0; k < d.length; k++) d[k]! /= n;
  return true;
}
