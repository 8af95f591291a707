// The Taylor radius of cross-entropy along a line (Sao 2026). Along θ + t·v with logits linear in
// t, z_k(t) = z_k + a_k t, the loss is log F(t) − z_y(t) with F(t) = Σ_k exp(z_k + a_k t); it is
// analytic until t meets a complex zero of F (a "ghost"), so its Taylor series converges for
// |t| < ρ. Two classes: ρ* = √(δ² + π²)/Δ_a exactly (Theorem 4.3); any number: ρ ≥ π/Δ_a
// (Theorem 4.6), Δ_a = max_k a_k − min_k a_k. Here ρ is also measured from the coefficients.
import { fitLine } from "../../fit/index.ts";
import { LabError } from "../../data/errors.ts";

/** Bad input to the ghosts-of-softmax measurements (`where` names the function and argument). */
export class GhostsError extends LabError {}

/** Δ_a = max_k a_k − min_k a_k for one sample's directional logit derivatives. */
export function spread(a: ArrayLike<number>): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < a.length; k++) {
    lo = Math.min(lo, a[k]!);
    hi = Math.max(hi, a[k]!);
  }
  return hi - lo;
}

/** The bound ρ_a = π/Δ_a of Theorem 4.6. */
export function radiusBound(a: ArrayLike<number>): number {
  return Math.PI / spread(a);
}

/** Theorem 4.3: the exact radius √(δ² + π²)/Δ_a of a two-class log-partition (δ = z₁ − z₀). */
export function binaryRadius(z: readonly [number, number], a: readonly [number, number]): number {
  const delta = z[1] - z[0];
  return Math.sqrt(delta * delta + Math.PI * Math.PI) / Math.abs(a[1] - a[0]);
}

/**
 * Taylor coefficients g_0…g_order of log Σ_k exp(z_k + a_k t) at t = 0. Relative to the largest
 * logit k*: log F = z_k* + a_k* t + log Σ_k w_k e^{b_k t} with w = softmax weights over max and
 * b_k = a_k − a_k*, so F_n = Σ_k w_k b_k^n/n! has no contribution from k* for n ≥ 1 and stays
 * accurate relative to the other weights even when they are tiny (a confident sample, w ≈ e^−δ);
 * then the power-series logarithm from g' = F'/F: n·F_0·g_n = n·F_n − Σ_{j=1}^{n−1} j·g_j·F_{n−j}.
 */
export function logPartitionTaylor(
  z: ArrayLike<number>,
  a: ArrayLike<number>,
  order: number,
): Float64Array {
  if (z.length !== a.length || z.length < 2)
    throw new GhostsError(
      "logPartitionTaylor",
      `${z.length} logits and ${a.length} directional derivatives`,
      "two or more of each, paired",
    );
  const K = z.length;
  let top = 0;
  for (let k = 1; k < K; k++) if (z[k]! > z[top]!) top = k;
  const w = Float64Array.from({ length: K }, (_, k) => Math.exp(z[k]! - z[top]!));
  const b = Float64Array.from({ length: K }, (_, k) => a[k]! - a[top]!);
  const F = new Float64Array(order + 1);
  const power = Float64Array.from(w);
  for (let n = 0; n <= order; n++) {
    let s = 0;
    for (let k = 0; k < K; k++) {
      s += power[k]!;
      power[k] = (power[k]! * b[k]!) / (n + 1); // w_k b_k^{n+1}/(n+1)!
    }
    F[n] = s;
  }
  const g = new Float64Array(order + 1);
  g[0] = Math.log(F[0]!) + z[top]!;
  for (let n = 1; n <= order; n++) {
    let s = n * F[n]!;
    for (let j = 1; j < n; j++) s -= j * g[j]! * F[n - j]!;
    g[n] = s / (n * F[0]!);
  }
  if (order >= 1) g[1]! += a[top]!;
  return g;
}

export interface RadiusOptions {
  /** First order used in the fit (default: half the series). */
  from?: number;
  /** Running-max window over n·|g_n| that bridges the zeros of the oscillation (default 6). */
  window?: number;
}

/**
 * Root test on the coefficients: a logarithmic singularity at distance ρ gives
 * |g_n| ≈ C·ρ^−n/n, oscillating when the nearest zeros are a complex pair; the running maximum of
 * n·|g_n| over a short window traces the envelope, and the slope of its logarithm over the high
 * orders is −log ρ.
 */
export function taylorRadius(g: ArrayLike<number>, options: RadiusOptions = {}): number {
  const window = options.window ?? 6;
  const from = options.from ?? Math.floor(g.length / 2);
  if (from < window || g.length - from < 4)
    throw new GhostsError(
      "taylorRadius",
      `${g.length} coefficients from order ${from}`,
      "≥ 4 orders to fit above the window",
    );
  const scaled = Array.from(g, (c, n) => Math.abs(c) * Math.max(n, 1));
  const ns: number[] = [];
  const logs: number[] = [];
  for (let n = from; n < g.length; n++) {
    ns.push(n);
    logs.push(Math.log(Math.max(...scaled.slice(n - window + 1, n + 1)) + 1e-300));
  }
  return Math.exp(-fitLine(ns, logs).slope);
}

/**
 * The measured radius of log F along a: coefficients of the rescaled direction a/Δ_a (so the
 * series decays like π^−n, far from underflow), divided back by Δ_a.
 */
export function measuredRadius(
  z: ArrayLike<number>,
  a: ArrayLike<number>,
  options: RadiusOptions & { order?: number } = {},
): number {
  const d = spread(a);
  const unit = Array.from(a, (v) => v / d);
  return taylorRadius(logPartitionTaylor(z, unit, options.order ?? 80), options) / d;
}
