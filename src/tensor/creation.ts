// Creating tensors: from (nested) arrays or typed arrays, constants, and seeded random draws.
import { allocate, roundInPlace, type Dtype } from "./dtype.ts";
import { TensorError } from "./error.ts";
import { drawUniform, type RandomSource } from "./rng.ts";
import { sizeOf } from "./shape.ts";
import { Tensor } from "./tensor.ts";

export interface TensorOptions {
  dtype?: Dtype;
  requiresGrad?: boolean;
}

type Nested = number | readonly Nested[];

function shapeOfNested(x: Nested): number[] {
  const shape: number[] = [];
  let cur: Nested = x;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    cur = cur[0] as Nested;
  }
  return shape;
}

/** Build from a flat array/typed array with an explicit shape, or from nested arrays. */
export function tensor(
  values: Nested | ArrayLike<number>,
  shapeOrOptions?: readonly number[] | TensorOptions,
  options: TensorOptions = {},
): Tensor {
  const explicit = Array.isArray(shapeOrOptions)
    ? (shapeOrOptions as readonly number[])
    : undefined;
  const opts =
    explicit === undefined ? ((shapeOrOptions as TensorOptions | undefined) ?? {}) : options;
  const dtype = opts.dtype ?? "f32";
  let flat: ArrayLike<number>;
  let shape: number[];
  if (typeof values === "number") {
    flat = [values];
    shape = [];
  } else if (Array.isArray(values) && explicit === undefined) {
    shape = shapeOfNested(values as Nested);
    flat = (values as unknown[]).flat(Infinity) as number[];
  } else {
    flat = values as ArrayLike<number>;
    shape = explicit !== undefined ? [...explicit] : [flat.length];
  }
  if (flat.length !== sizeOf(shape))
    throw new TensorError(
      "tensor",
      `${flat.length} values for shape [${shape}]`,
      `${sizeOf(shape)} values (ragged nested arrays?)`,
    );
  const data = allocate(dtype, flat.length);
  data.set(flat);
  return new Tensor(roundInPlace(data, dtype), shape, dtype, opts.requiresGrad ?? false);
}

/** A tensor of `shape` filled with `value` (rounded to the dtype; default f32, no gradient). */
export function full(shape: readonly number[], value: number, options: TensorOptions = {}): Tensor {
  const dtype = options.dtype ?? "f32";
  const data = allocate(dtype, sizeOf(shape)).fill(value);
  return new Tensor(roundInPlace(data, dtype), shape, dtype, options.requiresGrad ?? false);
}

/** A tensor of `shape` filled with 0 (default f32, no gradient). */
export const zeros = (shape: readonly number[], options: TensorOptions = {}): Tensor =>
  full(shape, 0, options);
/** A tensor of `shape` filled with 1 (default f32, no gradient). */
export const ones = (shape: readonly number[], options: TensorOptions = {}): Tensor =>
  full(shape, 1, options);

/** Standard normal draws scaled by `std` (default 1). */
export function randn(
  shape: readonly number[],
  rng: RandomSource,
  options: TensorOptions & { std?: number } = {},
): Tensor {
  const dtype = options.dtype ?? "f32";
  const data = allocate(dtype, sizeOf(shape));
  const std = options.std ?? 1;
  for (let i = 0; i < data.length; i++) data[i] = std * rng.normal();
  return new Tensor(roundInPlace(data, dtype), shape, dtype, options.requiresGrad ?? false);
}

/** Uniform draws in [low, high). */
export function uniform(
  shape: readonly number[],
  low: number,
  high: number,
  rng: RandomSource,
  options: TensorOptions = {},
): Tensor {
  const dtype = options.dtype ?? "f32";
  const data = allocate(dtype, sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = low + (high - low) * drawUniform(rng);
  return new Tensor(roundInPlace(data, dtype), shape, dtype, options.requiresGrad ?? false);
}

/** The 1-D tensor [0, 1, …, n − 1] (default f32). */
export function arange(n: number, options: TensorOptions = {}): Tensor {
  return tensor(
    Array.from({ length: n }, (_, i) => i),
    [n],
    options,
  );
}
