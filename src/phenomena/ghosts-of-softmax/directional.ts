// Directional logit derivatives a = J·v (one Jacobian-vector product) and the radius bound
// ρ_a = π / max_i Δ_a(x_i) over a batch (Sao 2026, eq. 19: the worst sample sets the step). The
// JVP is a central difference of the logits in f64, (f(θ + εv) − f(θ − εv))/2ε — exact for a
// linear model, O(ε²) otherwise — because the engine has reverse mode only.
import { noGrad, type Tensor } from "../../tensor/index.ts";
import type { Classifier } from "./models.ts";
import { spread } from "./radius.ts";

/** A unit direction over all parameters (one array per parameter). */
export type Direction = Float64Array[];

export function normalise(v: Direction): Direction {
  const n = Math.sqrt(v.reduce((s, d) => s + d.reduce((t, x) => t + x * x, 0), 0));
  return v.map((d) => d.map((x) => x / n));
}

/** Move the parameters by τ·v in place (τ may be negative). */
export function move(model: Classifier, v: Direction, tau: number): void {
  model.params.forEach((p, i) => {
    const d = v[i]!;
    for (let k = 0; k < p.size; k++) p.data[k] += tau * d[k]!;
  });
}

/** Logits at θ + τ·v without changing θ (parameters restored bit for bit). */
export function logitsAt(model: Classifier, x: Tensor, v: Direction, tau: number): Tensor {
  const saved = model.params.map((p) => Float64Array.from(p.data));
  move(model, v, tau);
  try {
    return noGrad(() => model.forward(x));
  } finally {
    model.params.forEach((p, i) => p.data.set(saved[i]!));
  }
}

/** a[i, k] = ∂z_k(x_i)/∂τ along v, [N, C] row-major. */
export function directionalDerivatives(
  model: Classifier,
  x: Tensor,
  v: Direction,
  eps = 1e-5,
): Float64Array {
  const plus = logitsAt(model, x, v, eps).data;
  const minus = logitsAt(model, x, v, -eps).data;
  return Float64Array.from(plus, (p, i) => (p - minus[i]!) / (2 * eps));
}

/** ρ_a = π / max_i (max_k a_ik − min_k a_ik) along v on the rows of x. */
export function batchRadiusBound(model: Classifier, x: Tensor, v: Direction): number {
  const a = directionalDerivatives(model, x, v);
  const C = a.length / x.shape[0]!;
  let worst = 0;
  for (let i = 0; i < x.shape[0]!; i++)
    worst = Math.max(worst, spread(a.subarray(i * C, (i + 1) * C)));
  return Math.PI / worst;
}
