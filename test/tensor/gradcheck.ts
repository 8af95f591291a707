// Test helper: compare reverse-mode gradients with central finite differences in f64.
// A non-scalar output is reduced with fixed random weights, so every output entry matters.
import { makeRng, Tensor, tensor, type Storage } from "../../src/tensor/index.ts";

export interface GradcheckResult {
  maxError: number;
  worst: { input: number; index: number; analytic: number; numeric: number } | null;
}

export function gradcheck(
  f: (xs: Tensor[]) => Tensor,
  values: Storage[],
  shapes: number[][],
  h = 1e-6,
): GradcheckResult {
  const leaves = values.map((v, i) => tensor(v, shapes[i]!, { dtype: "f64", requiresGrad: true }));
  const out = f(leaves);
  const rng = makeRng(7);
  const weights = Float64Array.from({ length: out.size }, () => rng.uniform() * 2 - 1);
  const scalarOf = (xs: Tensor[]): number => {
    const o = f(xs).data;
    let s = 0;
    for (let i = 0; i < o.length; i++) s += o[i]! * weights[i]!;
    return s;
  };
  out.backward(weights);
  let maxError = 0;
  let worst: GradcheckResult["worst"] = null;
  leaves.forEach((leaf, li) => {
    for (let i = 0; i < leaf.size; i++) {
      const probe = (delta: number): number => {
        const xs = values.map((v, j) => {
          const copy = Float64Array.from(v);
          if (j === li) copy[i] += delta;
          return tensor(copy, shapes[j]!, { dtype: "f64" });
        });
        return scalarOf(xs);
      };
      const numeric = (probe(h) - probe(-h)) / (2 * h);
      const analytic = leaf.grad === null ? 0 : leaf.grad[i]!;
      const err = Math.abs(analytic - numeric) / (1e-3 + Math.abs(numeric));
      if (err > maxError) {
        maxError = err;
        worst = { input: li, index: i, analytic, numeric };
      }
    }
  });
  return { maxError, worst };
}
