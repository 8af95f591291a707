// A seeded uniform source for the lab's simulations (mulberry32) plus the two draws they need:
// standard normals (Box–Muller) and geometric waiting times. Seeds flow in as parameters
// (CONVENTIONS §9); nothing here reads Math.random.
import { mulberry32 } from "../data/random.ts";

export type Uniform = () => number;

/** Uniform numbers in (0, 1) from a 32-bit seed: mulberry32 (T. Ettinger), fast and well mixed. */
export function seededUniform(seed: number): Uniform {
  const next = mulberry32(seed);
  return () => (next() + 0.5) / 4294967296;
}

/** A standard normal draw (Box–Muller; one of the pair is discarded for simplicity). */
export function normalDraw(uniform: Uniform): number {
  return Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Number of Bernoulli(p) trials up to and including the first success, by inverse CDF. */
export function geometricDraw(p: number, uniform: Uniform): number {
  if (p >= 1) return 1;
  return Math.max(1, Math.ceil(Math.log(uniform()) / Math.log1p(-p)));
}
