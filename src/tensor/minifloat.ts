// Narrow floating-point formats ExMy (FP8 E4M3/E5M2, FP6 E2M3/E3M2, FP4 E2M1, and any split for
// sweeps) with round-to-nearest-even and stochastic rounding. Values live in ordinary numbers;
// a format only says which of them are representable. Layouts follow the OCP 8-bit Floating
// Point spec (OFP8 rev 1.0: E4M3 has no infinities, NaN = S.1111.111, max 448; E5M2 is IEEE-like)
// and the OCP Microscaling spec v1.0 §5.3 (FP6/FP4: no Inf/NaN codes, overflow saturates).
import { TensorError } from "./error.ts";

/** What the all-ones exponent field means: IEEE Inf/NaN, only S.1…1.1…1 = NaN (OFP8 E4M3), or nothing. */
export type Specials = "ieee" | "nan" | "none";

export interface MiniFloat {
  readonly name: string;
  readonly exponentBits: number;
  readonly mantissaBits: number;
  readonly bias: number;
  readonly specials: Specials;
  /** Exponent of the smallest normal binade (subnormals share its quantum). */
  readonly emin: number;
  /** Exponent of the largest finite binade. */
  readonly emax: number;
  readonly maxFinite: number;
  readonly minNormal: number;
  readonly minSubnormal: number;
  /** Bits of a code: sign + exponent + mantissa. */
  readonly bits: number;
}

export interface MiniFloatOptions {
  bias?: number; // default 2^(e−1) − 1
  specials?: Specials; // default "none": every code is a finite number (as MX FP6/FP4)
  name?: string;
}

/** The format with `e` exponent bits and `m` mantissa bits (plus a sign bit), e.g. minifloat(3, 0) for E3M0. */
export function minifloat(e: number, m: number, options: MiniFloatOptions = {}): MiniFloat {
  if (!Number.isInteger(e) || e < 1 || e > 8)
    throw new TensorError("minifloat", `exponentBits ${e}`, "an integer from 1 to 8");
  if (!Number.isInteger(m) || m < 0 || m > 10)
    throw new TensorError("minifloat", `mantissaBits ${m}`, "an integer from 0 to 10");
  const specials = options.specials ?? "none";
  if (specials === "nan" && e + m < 2)
    throw new TensorError("minifloat", `specials "nan" with E${e}M${m}`, "at least 2 bits");
  const bias = options.bias ?? 2 ** (e - 1) - 1;
  const topField = 2 ** e - 1;
  const emin = 1 - bias;
  // Largest finite code: IEEE loses the top binade to Inf/NaN; "nan" loses only its last code.
  const emax = (specials === "ieee" ? topField - 1 : topField) - bias;
  const topMantissa = specials === "nan" ? 2 ** m - 2 : 2 ** m - 1;
  const maxFinite = (1 + topMantissa / 2 ** m) * 2 ** emax;
  return Object.freeze({
    name: options.name ?? `e${e}m${m}`,
    exponentBits: e,
    mantissaBits: m,
    bias,
    specials,
    emin,
    emax,
    maxFinite,
    minNormal: 2 ** emin,
    minSubnormal: 2 ** (emin - m),
    bits: 1 + e + m,
  });
}

/** FP8 E4M3 (OFP8 "E4M3FN"): bias 7, no infinities, NaN = S.1111.111, max ±448, min subnormal 2^−9. */
export const E4M3 = minifloat(4, 3, { specials: "nan" });
/** FP8 E5M2: IEEE-like, bias 15, ±Inf and NaNs, max ±57344, min subnormal 2^−16. */
export const E5M2 = minifloat(5, 2, { specials: "ieee" });
/** FP6 E2M3 (MX): bias 1, max ±7.5, min subnormal 0.125, no Inf/NaN. */
export const E2M3 = minifloat(2, 3);
/** FP6 E3M2 (MX): bias 3, max ±28, min subnormal 0.0625, no Inf/NaN. */
export const E3M2 = minifloat(3, 2);
/** FP4 E2M1 (MX, NVFP4 elements): ±{0, 0.5, 1, 1.5, 2, 3, 4, 6}. */
export const E2M1 = minifloat(2, 1);
/** bfloat16 and IEEE binary16 as ExMy, so a recipe can keep a layer in 16 bits. */
export const BF16 = minifloat(8, 7, { specials: "ieee", name: "bf16" });
/** IEEE binary16 as ExMy: bias 15, ±Inf and NaNs, max ±65504, min subnormal 2^−24. */
export const FP16 = minifloat(5, 10, { specials: "ieee", name: "f16" });

export type Rounding = "nearest" | "stochastic";

const scratch = new Float64Array(1);
const scratchHi = new Uint32Array(scratch.buffer, 4, 1); // little-endian: high word
// 1.5·2^52·q rounds |x| < 2^53·q to a multiple of q, ties to even, in one add and subtract
// (the trick of dtype.ts); indexed by log2 q from −150.
export const SHIFT_MIN = -150;
export const SHIFTERS = Float64Array.from(
  { length: 300 },
  (_, i) => 1.5 * 2 ** 52 * 2 ** (i + SHIFT_MIN),
);

/** Unbiased exponent of |x| (finite, non-zero) from its float64 bits. */
export function exponentOf(a: number): number {
  scratch[0] = a;
  return ((scratchHi[0]! >>> 20) & 0x7ff) - 1023;
}

/** What a value past the largest finite becomes: the format's max when saturating, else Inf/NaN. */
function overflow(x: number, fmt: MiniFloat, saturate: boolean): number {
  if (saturate || fmt.specials === "none") return x < 0 ? -fmt.maxFinite : fmt.maxFinite;
  if (fmt.specials === "ieee") return x < 0 ? -Infinity : Infinity;
  return NaN; // OFP8 E4M3 non-saturating mode: overflow → NaN
}

/**
 * Round x into `fmt`. `u` is a uniform draw in [0, 1) for stochastic rounding (round up with
 * probability equal to the distance from the value below, in quanta), or −1 for nearest-even.
 * Infinities saturate when `saturate` (the MX and NVFP4 convention); NaN stays NaN.
 */
export function roundMini(x: number, fmt: MiniFloat, u = -1, saturate = true): number {
  if (x !== x) return NaN;
  if (x === 0) return x;
  const a = Math.abs(x);
  if (a === Infinity)
    return saturate || fmt.specials === "none"
      ? overflow(x, fmt, true)
      : fmt.specials === "ieee"
        ? x
        : NaN;
  let e = exponentOf(a);
  if (e < fmt.emin) e = fmt.emin;
  else if (e > fmt.emax) return overflow(x, fmt, saturate); // ≥ 2^(emax+1): past the last tie
  const qe = e - fmt.mantissaBits;
  let r: number;
  if (u < 0) {
    const sh = SHIFTERS[qe - SHIFT_MIN]!;
    r = a + sh - sh;
  } else {
    const q = 2 ** qe;
    const lo = Math.floor(a / q) * q;
    r = u * q < a - lo ? lo + q : lo;
  }
  if (r > fmt.maxFinite) return overflow(x, fmt, saturate);
  return x < 0 ? -r : r;
}

/** The value of a code (an integer of `fmt.bits` bits: sign, exponent field, mantissa field). */
export function decodeMini(code: number, fmt: MiniFloat): number {
  const m = fmt.mantissaBits;
  const sign = code >>> (fmt.exponentBits + m) ? -1 : 1;
  const field = (code >>> m) & (2 ** fmt.exponentBits - 1);
  const mant = code & (2 ** m - 1);
  const top = 2 ** fmt.exponentBits - 1;
  if (fmt.specials === "ieee" && field === top) return mant === 0 ? sign * Infinity : NaN;
  if (fmt.specials === "nan" && field === top && mant === 2 ** m - 1) return NaN;
  if (field === 0) return sign * mant * 2 ** (fmt.emin - m);
  return sign * (1 + mant / 2 ** m) * 2 ** (field - fmt.bias);
}

/** Every finite non-negative value of the format, ascending (E2M1: 0, 0.5, 1, 1.5, 2, 3, 4, 6). */
export function miniValues(fmt: MiniFloat): number[] {
  const out: number[] = [];
  for (let c = 0; c < 2 ** (fmt.bits - 1); c++) {
    const v = decodeMini(c, fmt);
    if (Number.isFinite(v)) out.push(v);
  }
  return out;
}
