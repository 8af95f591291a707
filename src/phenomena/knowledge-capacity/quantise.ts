// Post-training weight formats for the capacity test: bf16 and f16 (the engine's own rounding);
// FP8 E4M3 and E5M2 with one f32 scale per tensor mapping its largest weight to the format's
// largest value (the engine's quantizeMatrix); and symmetric round-to-nearest integers, int8
// (levels −127…127) and int4 (−7…7), with one scale per output unit (a column of W [in, out]; one
// per tensor for a bias vector), as weight-only quantisers do. Activations stay in model precision.
import {
  E4M3,
  E5M2,
  MLP,
  quantFormat,
  quantizeArray,
  roundBf16,
  roundF16,
} from "../../tensor/index.ts";
import { KnowledgeCapacityError } from "./errors.ts";

export type WeightFormat = "bf16" | "f16" | "fp8-e4m3" | "fp8-e5m2" | "int8" | "int4";

/** Post-training weight formats of the capacity test: bf16, f16, fp8-e4m3, fp8-e5m2, int8, int4. */
export const WEIGHT_FORMATS: readonly WeightFormat[] = [
  "bf16",
  "f16",
  "fp8-e4m3",
  "fp8-e5m2",
  "int8",
  "int4",
];

const FP8 = { "fp8-e4m3": E4M3, "fp8-e5m2": E5M2 } as const;

const INT_LEVELS: Partial<Record<WeightFormat, number>> = { int8: 127, int4: 7 };

/** Round `values` (rows × cols, row-major) to a symmetric integer grid per column. */
export function quantiseColumns(
  values: ArrayLike<number>,
  cols: number,
  levels: number,
): Float64Array {
  const rows = values.length / cols;
  const out = new Float64Array(values.length);
  for (let c = 0; c < cols; c++) {
    let absMax = 0;
    for (let r = 0; r < rows; r++) absMax = Math.max(absMax, Math.abs(values[r * cols + c]!));
    const scale = absMax / levels;
    for (let r = 0; r < rows; r++)
      out[r * cols + c] = scale === 0 ? 0 : Math.round(values[r * cols + c]! / scale) * scale;
  }
  return out;
}

/** Round one parameter tensor's values (shape [in, out] or [out]) to `format`. */
export function quantiseValues(
  values: ArrayLike<number>,
  shape: readonly number[],
  format: WeightFormat,
): Float64Array {
  if (format === "bf16") return Float64Array.from(values, roundBf16);
  if (format === "f16") return Float64Array.from(values, roundF16);
  if (format === "fp8-e4m3" || format === "fp8-e5m2")
    return Float64Array.from(
      quantizeArray(Float64Array.from(values), quantFormat(FP8[format], { kind: "tensor" })),
    );
  const levels = INT_LEVELS[format];
  if (levels === undefined)
    throw new KnowledgeCapacityError(
      "quantiseValues",
      `format "${format}"`,
      WEIGHT_FORMATS.join(", "),
    );
  const cols = shape.length === 2 ? shape[1]! : values.length;
  return shape.length === 2
    ? quantiseColumns(values, cols, levels)
    : quantiseColumns(values, 1, levels);
}

/**
 * Run `fn` with every parameter of `model` rounded to `format`, then restore the trained values
 * (so one trained model is measured in every format without copies of the network).
 */
export function withQuantisedWeights<T>(model: MLP, format: WeightFormat, fn: () => T): T {
  const params = model.parameters();
  const saved = params.map((p) => Float64Array.from(p.data));
  try {
    for (const p of params) p.data.set(quantiseValues(p.data, p.shape, format));
    return fn();
  } finally {
    params.forEach((p, i) => p.data.set(saved[i]!));
  }
}
