// Selecting points of a fit (for resampling and held-out splits) without losing which input
// column each value belongs to.
import type { FitSpec, Inputs } from "./spec.ts";

/** The spec restricted to `indices` (repeats allowed, as bootstrap draws need). */
export function subsetSpec(spec: FitSpec, indices: readonly number[]): FitSpec {
  const pick = (values: readonly number[]) => indices.map((i) => values[i]!);
  const x: Inputs = Array.isArray(spec.x)
    ? pick(spec.x as readonly number[])
    : Object.fromEntries(
        Object.entries(spec.x as Record<string, readonly number[]>).map(([k, v]) => [k, pick(v)]),
      );
  return {
    ...spec,
    x,
    y: pick(spec.y),
    ...(spec.weights !== undefined ? { weights: pick(spec.weights) } : {}),
  };
}

/** Input values of point i by name (`x` when the spec has one unnamed array). */
export function pointInputs(spec: FitSpec, i: number): Record<string, number> {
  if (Array.isArray(spec.x)) return { x: (spec.x as readonly number[])[i]! };
  return Object.fromEntries(
    Object.entries(spec.x as Record<string, readonly number[]>).map(([k, v]) => [k, v[i]!]),
  );
}
