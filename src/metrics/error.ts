// Errors of the metrics area: which argument of which function was wrong and what was
// expected, in the lab's one error shape (LabError), so a notebook author can fix the call
// without reading our source.
import { LabError } from "../data/errors.ts";

/** Bad argument to a metric (pearson, emergenceScore, …): `argument` names it, `expected` says what it should be. */
export class MetricError extends LabError {
  declare readonly expected: string;
  readonly argument: string;

  constructor(where: string, argument: string, expected: string, got?: unknown) {
    super(
      where,
      `argument \`${argument}\`${got === undefined ? "" : ` is ${describe(got)}`}`,
      expected,
    );
    this.argument = argument;
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `array of length ${value.length}`;
  if (typeof value === "number") return String(value);
  return typeof value;
}

/** Throws unless `values` is a non-empty array of finite numbers. */
export function requireFiniteArray(
  where: string,
  argument: string,
  values: readonly number[],
): void {
  if (!Array.isArray(values) || values.length === 0) {
    throw new MetricError(where, argument, "a non-empty array of numbers", values);
  }
  for (const v of values) {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new MetricError(where, argument, "finite numbers only", v);
    }
  }
}

/** Throws unless `value` is an integer ≥ `min`. */
export function requireInteger(where: string, argument: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new MetricError(where, argument, `an integer ≥ ${min}`, value);
  }
}

/** Throws unless the two arrays have the same, non-zero length. */
export function requireSameLength(
  where: string,
  names: [string, string],
  a: readonly unknown[],
  b: readonly unknown[],
): void {
  if (!Array.isArray(a) || a.length === 0)
    throw new MetricError(where, names[0], "a non-empty array", a);
  if (!Array.isArray(b) || b.length !== a.length) {
    throw new MetricError(
      where,
      names[1],
      `an array of the same length as \`${names[0]}\` (${a.length})`,
      b,
    );
  }
}
