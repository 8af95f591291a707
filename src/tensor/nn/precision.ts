// Low-precision training as a configuration of existing modules: give every Linear of a model
// (except those kept, e.g. the last layer as the NVFP4 recipe keeps it in BF16) a GEMM
// precision. The model, its loss and its optimiser are unchanged; only the matmuls quantise.
import type { MatmulPrecision } from "../quantmatmul.ts";
import { Linear } from "./linear.ts";
import type { Module } from "./module.ts";

export interface SetPrecisionOptions {
  /** Precision of the layers whose dotted name this returns true for (default: the same). */
  keep?: (name: string) => boolean;
  /** What kept layers use instead (e.g. a BF16 precision); null multiplies in the weight's dtype. */
  kept?: MatmulPrecision | null;
}

/** Set `precision` on every Linear of `model`; returns the names of the layers set, and kept. */
export function setPrecision(
  model: Module,
  precision: MatmulPrecision | null,
  options: SetPrecisionOptions = {},
): { set: string[]; kept: string[] } {
  const set: string[] = [];
  const kept: string[] = [];
  for (const [name, m] of model.namedModules()) {
    if (!(m instanceof Linear)) continue;
    const keep = options.keep?.(name) ?? false;
    m.precision = keep ? (options.kept ?? null) : precision;
    (keep ? kept : set).push(name);
  }
  return { set, kept };
}
