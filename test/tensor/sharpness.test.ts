// Power iteration on the quadratic loss ½θᵀAθ, whose Hessian is a matrix A = Q diag(λ) Qᵀ of
// known spectrum: λ_max and its eigenvector come out, a warm start converges at once, the
// iteration cap is reported, and bad options or inputs get named errors.
import { describe, expect, it } from "vitest";
import { makeRng, sharpness, tensor, TensorError, type Tensor } from "../../src/tensor/index.ts";

/** A random orthogonal Q (Gram–Schmidt) and A = Q diag(spectrum) Qᵀ. */
function knownSpectrum(spectrum: number[], seed: number): { A: Float64Array; q1: Float64Array } {
  const n = spectrum.length;
  const rng = makeRng(seed);
  const Q: Float64Array[] = [];
  for (let k = 0; k < n; k++) {
    const v = Float64Array.from({ length: n }, () => rng.normal());
    for (const u of Q) {
      const c = u.reduce((s, x, i) => s + x * v[i]!, 0);
      for (let i = 0; i < n; i++) v[i]! -= c * u[i]!;
    }
    const norm = Math.hypot(...v);
    Q.push(v.map((x) => x / norm));
  }
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      A[i * n + j] = spectrum.reduce((s, l, k) => s + l * Q[k]![i]! * Q[k]![j]!, 0);
  return { A, q1: Q[0]! };
}

function quadratic(A: Float64Array, n: number, seed = 3): { loss: () => Tensor; theta: Tensor } {
  const rng = makeRng(seed);
  const theta = tensor(
    Float64Array.from({ length: n }, () => rng.normal()),
    [n, 1],
    { dtype: "f64", requiresGrad: true },
  );
  const a = tensor(A, [n, n], { dtype: "f64" });
  return { theta, loss: () => theta.transpose().matmul(a.matmul(theta)).mul(0.5).sum() };
}

describe("sharpness: power iteration on Hessian-vector products", () => {
  const spectrum = [4, 2.5, 1, 0.5, 0.1, -0.3, -1, 0.02];
  const n = spectrum.length;
  const { A, q1 } = knownSpectrum(spectrum, 11);

  it("finds λ_max = 4 of a known spectrum and its eigenvector", () => {
    const { loss, theta } = quadratic(A, n);
    const s = sharpness(loss, [theta], { iters: 200, tol: 1e-12 });
    expect(s.converged).toBe(true);
    expect(Math.abs(s.value - 4) / 4).toBeLessThan(1e-8);
    const cos = s.vector[0]!.reduce((acc, x, i) => acc + x * q1[i]!, 0);
    expect(Math.abs(cos)).toBeGreaterThan(1 - 1e-6);
    // Rayleigh error shrinks as (λ₂/λ₁)^2k = 0.625^2k: dozens of products, not one.
    expect(s.iterations).toBeGreaterThan(10);
  });

  it("stops at tol and reports the cap when it is not reached", () => {
    const { loss, theta } = quadratic(A, n);
    const loose = sharpness(loss, [theta], { iters: 200, tol: 1e-3 });
    expect(loose.converged).toBe(true);
    expect(Math.abs(loose.value - 4) / 4).toBeLessThan(1e-2);
    const capped = sharpness(loss, [theta], { iters: 3, tol: 0 });
    expect(capped).toMatchObject({ iterations: 3, converged: false });
    expect(capped.value).toBeLessThan(4);
  });

  it("a warm start at the top eigenvector converges in two products", () => {
    const { loss, theta } = quadratic(A, n);
    const s = sharpness(loss, [theta], { v0: [q1], tol: 1e-8 });
    expect(s.iterations).toBe(2);
    expect(s.value).toBeCloseTo(4, 8);
  });

  it("is seeded: the same seed gives the same estimate, another seed another path", () => {
    const { loss, theta } = quadratic(A, n);
    const a = sharpness(loss, [theta], { iters: 5, tol: 0, seed: 1 });
    const b = sharpness(loss, [theta], { iters: 5, tol: 0, seed: 1 });
    const c = sharpness(loss, [theta], { iters: 5, tol: 0, seed: 2 });
    expect(a.value).toBe(b.value);
    expect(c.value).not.toBe(a.value);
  });

  it("bad options and inputs get named errors", () => {
    const { loss, theta } = quadratic(A, n);
    expect(() => sharpness(loss, [theta], { iters: 0 })).toThrow(TensorError);
    expect(() => sharpness(loss, [theta], { iters: 0 })).toThrow(/sharpness: iters 0/);
    expect(() => sharpness(loss, [theta], { tol: -1 })).toThrow(/sharpness: tol -1/);
    expect(() => sharpness(loss, [theta], { v0: [new Float64Array(n)] })).toThrow(
      /zero starting vector/,
    );
    expect(() => sharpness(loss, [theta], { v0: [new Float64Array(3)] })).toThrow(
      /sharpness: v\[0\] of length 3 for params\[0\] of shape \[8,1\]/,
    );
    expect(() => sharpness(() => theta.mul(theta), [theta])).toThrow(
      /non-scalar loss of shape \[8,1\]/,
    );
  });
});
