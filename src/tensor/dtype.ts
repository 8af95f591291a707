// Floating-point formats of the engine and bit-exact rounding into them. f64 and f32 are
// native (Math.fround); bf16 and f16 are emulated, stored in a Float32Array holding only
// representable values. Node 20 has no Math.f16round, so both roundings are written here:
// round-to-nearest-even straight from the float64 value (no double rounding through f32),
// gradual underflow to subnormals, overflow to ±Infinity (IEEE 754-2019 §4.3.1, §7.4).
export type Dtype = "f64" | "f32" | "bf16" | "f16";
export type Storage = Float64Array | Float32Array;

/** The tensor dtypes, widest first: "f64", "f32", "bf16", "f16" (half formats are stored in Float32Array, rounded after every op). */
export const DTYPES: readonly Dtype[] = ["f64", "f32", "bf16", "f16"];

interface Format {
  readonly precision: number; // significand bits including the hidden bit
  readonly emin: number; // exponent of the smallest normal number
  readonly emax: number; // exponent of the largest finite number
  readonly minNormal: number; // 2^emin
  readonly maxFinite: number;
}
const BF16: Format = {
  precision: 8,
  emin: -126,
  emax: 127,
  minNormal: 2 ** -126,
  maxFinite: (2 - 2 ** -7) * 2 ** 127,
};
const F16: Format = { precision: 11, emin: -14, emax: 15, minNormal: 2 ** -14, maxFinite: 65504 };

const scratch = new Float64Array(1);
const scratchHi = new Uint32Array(scratch.buffer, 4, 1); // little-endian: high word

// 1.5·2^52·q for every quantum q = 2^e a format can have (e from −133 up to 120): adding it to
// |x| < 2^p·q makes the float64 addition itself round |x| to a multiple of q, ties to even
// (the constant is an even multiple of q, so the sum's parity is the rounded value's), and
// subtracting it again is exact. One add and one subtract instead of a division, a floor and
// a tie test: the half formats round every op result, so this is their hot path.
const SHIFT_MIN = -140;
const SHIFTERS = Float64Array.from({ length: 280 }, (_, i) => 1.5 * 2 ** 52 * 2 ** (i + SHIFT_MIN));

function roundToFormat(x: number, fmt: Format): number {
  if (x !== x || x === 0 || x === Infinity || x === -Infinity) return x;
  const a = Math.abs(x);
  let exponent: number;
  if (a < fmt.minNormal) {
    exponent = fmt.emin; // subnormal: fixed quantum 2^(emin - p + 1)
  } else {
    scratch[0] = a;
    exponent = ((scratchHi[0]! >>> 20) & 0x7ff) - 1023;
    if (exponent > fmt.emax) return x < 0 ? -Infinity : Infinity; // ≥ 2^(emax+1): past the last tie
  }
  const shifter = SHIFTERS[exponent - fmt.precision + 1 - SHIFT_MIN]!;
  let r = a + shifter - shifter;
  if (r > fmt.maxFinite) r = Infinity;
  return x < 0 ? -r : r;
}

/** Round to bfloat16 (8-bit exponent, 8-bit significand), ties to even. */
export function roundBf16(x: number): number {
  return roundToFormat(x, BF16);
}

/** Round to IEEE binary16 (5-bit exponent, 11-bit significand), ties to even. */
export function roundF16(x: number): number {
  return roundToFormat(x, F16);
}

const identity = (x: number): number => x;

/** The scalar rounding of a dtype: every op result passes through it. */
export function rounder(dtype: Dtype): (x: number) => number {
  switch (dtype) {
    case "f64":
      return identity;
    case "f32":
      return Math.fround;
    case "bf16":
      return roundBf16;
    case "f16":
      return roundF16;
  }
}

/** True when the format is emulated (values must be rounded after storing in f32). */
export function isHalf(dtype: Dtype): boolean {
  return dtype === "bf16" || dtype === "f16";
}

export function allocate(dtype: Dtype, size: number): Storage {
  return dtype === "f64" ? new Float64Array(size) : new Float32Array(size);
}

/** Round a storage in place to its dtype (a no-op for f64 and f32: the array already rounds). */
export function roundInPlace(data: Storage, dtype: Dtype): Storage {
  if (dtype === "bf16") for (let i = 0; i < data.length; i++) data[i] = roundBf16(data[i]!);
  else if (dtype === "f16") for (let i = 0; i < data.length; i++) data[i] = roundF16(data[i]!);
  return data;
}

/** Type promotion as PyTorch: f64 > f32 > half formats; bf16 with f16 gives f32. */
export function promote(a: Dtype, b: Dtype): Dtype {
  if (a === b) return a;
  if (a === "f64" || b === "f64") return "f64";
  return "f32";
}

/** Unit roundoff of the format used for accumulation (sums accumulate in f32 below f64). */
export function accumulationEpsilon(dtype: Dtype): number {
  return dtype === "f64" ? 2 ** -53 : 2 ** -24;
}
