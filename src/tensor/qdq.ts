// The hot loops of quantise-dequantise: round a run of values times a scale into an ExMy format
// and write them back unscaled, by nearest-even or stochastic rounding, branch-light and
// bit-identical to roundMini (saturating). Nearest: Veltkamp's split for normal magnitudes and
// the 1.5·2^52·q shifter for subnormal ones, blended by a mask, the sign from the input's bits;
// stochastic: the quantum of each value's binade by arithmetic alone (no exponent bits, no
// branch), one pass per run.
import { SHIFT_MIN, SHIFTERS, type MiniFloat } from "./minifloat.ts";
import type { Storage } from "./dtype.ts";

/** Constants of a format's rounding, computed once per call. */
export interface RoundConsts {
  readonly max: number;
  readonly minNormal: number;
  /** 2^(52−m) + 1: t = a·split, t − (t − a) keeps m + 1 significant bits, nearest-even. */
  readonly split: number;
  /** 1.5·2^52·2^(emin−m): a + s − s rounds |a| < minNormal onto the subnormal grid. */
  readonly shifter: number;
  /** 2^−m/2: max(2^e, minNormal)·2^−m is (2^e + minNormal + |2^e − minNormal|)·half. */
  readonly half: number;
}

const cache = new WeakMap<MiniFloat, RoundConsts>();

export function roundConsts(fmt: MiniFloat): RoundConsts {
  let c = cache.get(fmt);
  if (c !== undefined) return c;
  const m = fmt.mantissaBits;
  c = {
    max: fmt.maxFinite,
    minNormal: fmt.minNormal,
    split: 2 ** (52 - m) + 1,
    shifter: SHIFTERS[fmt.emin - m - SHIFT_MIN]!,
    half: 2 ** -m / 2,
  };
  cache.set(fmt, c);
  return c;
}

/**
 * Nearest-even of a magnitude a ≤ max (clamped by the caller, so +Inf and huge values saturate
 * and NaN stays NaN): Veltkamp's split for normal values and the subnormal shifter, blended by a
 * 0/1 mask rather than a branch (the two cases interleave unpredictably in E2M1 data, where half
 * the values are subnormal). Small enough for V8 to inline into each monomorphic loop below.
 */
function nearestMagnitude(a: number, split: number, shifter: number, minNormal: number): number {
  const t = a * split;
  const normal = t - (t - a);
  return normal + (a + shifter - shifter - normal) * +(a < minNormal);
}

/** Nearest-even of one value into the format of `c`, saturating (±0 and NaN kept). */
export function roundNearest(v: number, c: RoundConsts): number {
  const r = nearestMagnitude(Math.min(Math.abs(v), c.max), c.split, c.shifter, c.minNormal);
  return v < 0 || (v === 0 && 1 / v < 0) ? -r : r;
}

// The loops come in an f32 and an f64 copy so that each typed-array access stays monomorphic
// (one shared loop over both array types ran 25–100% slower once V8 had seen both).
// Signs are taken from the input's bits (an f32 array's own words, an f64 array's high words on
// little-endian hosts), so no branch on the sign is needed and −0 stays −0.

/**
 * f32 run: element off + i uses inv[i >>> shift] and scale[i >>> shift], read once per group
 * (an outer loop over groups, an inner one over their elements: faster than a per-element
 * index into the scale arrays once groups hold a few elements).
 */
function nearest32(
  src: Float32Array,
  out: Float32Array,
  off: number,
  n: number,
  inv: Float64Array,
  scale: Float64Array,
  shift: number,
  c: RoundConsts,
): void {
  const { split, shifter, minNormal, max } = c;
  const words = new Int32Array(src.buffer, src.byteOffset, src.length);
  for (let k = 0, j = off, end = off + n, g = 2 ** shift; j < end; k++) {
    const v = inv[k]!;
    const s = scale[k]!;
    for (const e = Math.min(j + g, end); j < e; j++) {
      const a = Math.min(Math.abs(src[j]! * v), max);
      out[j] = nearestMagnitude(a, split, shifter, minNormal) * s * ((words[j]! >> 31) | 1);
    }
  }
}

/** f64 run, as nearest32. */
function nearest64(
  src: Float64Array,
  out: Float64Array,
  off: number,
  n: number,
  inv: Float64Array,
  scale: Float64Array,
  shift: number,
  c: RoundConsts,
): void {
  const { split, shifter, minNormal, max } = c;
  const hi = new Int32Array(src.buffer, src.byteOffset, src.length * 2);
  for (let k = 0, j = off, end = off + n, g = 2 ** shift; j < end; k++) {
    const v = inv[k]!;
    const s = scale[k]!;
    for (const e = Math.min(j + g, end); j < e; j++) {
      const a = Math.min(Math.abs(src[j]! * v), max);
      out[j] = nearestMagnitude(a, split, shifter, minNormal) * s * ((hi[2 * j + 1]! >> 31) | 1);
    }
  }
}

/** One inverse scale for a whole run, as the per-group loops take it (i >>> 31 is 0). */
function single(inv: number): [Float64Array, Float64Array] {
  return [Float64Array.of(inv), Float64Array.of(1 / inv)];
}

/** Mixed array types (an f64 input written to an f32 output or back): the plain scalar path. */
function nearestMixed(
  src: Storage,
  out: Storage,
  off: number,
  n: number,
  inv: Float64Array,
  scale: Float64Array,
  shift: number,
  c: RoundConsts,
): void {
  for (let i = 0; i < n; i++)
    out[off + i] = roundNearest(src[off + i]! * inv[i >>> shift]!, c) * scale[i >>> shift]!;
}

/** out[off + i] = round(src[off + i]·inv)/inv for i < n, nearest-even (inv > 0). */
export function nearestSpan(
  src: Storage,
  out: Storage,
  off: number,
  n: number,
  inv: number,
  c: RoundConsts,
): void {
  const [i, s] = single(inv);
  nearestSpanEach(src, out, off, n, i, s, 31, c);
}

/**
 * As nearestSpan with a scale per group of 2^shift elements: element i uses inv[i >>> shift]
 * and scale[i >>> shift] = 1/inv (shift 0: one per element, e.g. per column of a row; shift 4:
 * one per 16-block of a contiguous run).
 */
export function nearestSpanEach(
  src: Storage,
  out: Storage,
  off: number,
  n: number,
  inv: Float64Array,
  scale: Float64Array,
  shift: number,
  c: RoundConsts,
): void {
  if (src instanceof Float32Array && out instanceof Float32Array)
    nearest32(src, out, off, n, inv, scale, shift, c);
  else if (src instanceof Float64Array && out instanceof Float64Array)
    nearest64(src, out, off, n, inv, scale, shift, c);
  else nearestMixed(src, out, off, n, inv, scale, shift, c);
}

/** 2^52 + 1: Veltkamp's split keeping one significant bit. */
const SPLIT_ONE = 2 ** 52 + 1;

/**
 * Stochastic rounding of a magnitude a ≤ max with a uniform u in [0, 1): up from the grid value
 * below with probability equal to its distance from it in quanta (roundMini's rule u·q < a − lo),
 * so E[SR(x)] = x. The quantum q = 2^(max(e, emin) − m) of a's binade 2^e comes without reading
 * a's bits: 0.75·a rounded to one significant bit is 2^e (Veltkamp's split; the tie at a = 2^e
 * goes up to 2^e), and (p + mn + |p − mn|)/2 is max(p, mn) for powers of two, branch-free.
 * "Up" is ⌈(f − ⌊f⌋) − u⌉ ∈ {0, 1}, which is 1 exactly when u < f − ⌊f⌋ (a rounded difference
 * keeps its sign and stays above −1), again without a branch. `half` is 2^−m/2.
 */
function stochasticMagnitude(a: number, u: number, minNormal: number, half: number): number {
  const b = 0.75 * a;
  const t = b * SPLIT_ONE;
  const p = t - (t - b);
  const q = (p + minNormal + Math.abs(p - minNormal)) * half;
  const f = a / q;
  const fl = Math.floor(f);
  return (fl + Math.ceil(f - fl - u)) * q;
}

/** f32 run of stochastic rounding, grouped as nearest32; element off + i uses u[uOff + i]. */
function stochastic32(
  src: Float32Array,
  out: Float32Array,
  off: number,
  n: number,
  inv: Float64Array,
  scale: Float64Array,
  shift: number,
  c: RoundConsts,
  u: Float64Array,
  uOff: number,
): void {
  const { minNormal, max, half } = c;
  const words = new Int32Array(src.buffer, src.byteOffset, src.length);
  for (let k = 0, j = off, end = off + n, g = 2 ** shift, d = uOff - off; j < end; k++) {
    const v = inv[k]!;
    const s = scale[k]!;
    for (const e = Math.min(j + g, end); j < e; j++) {
      const a = Math.min(Math.abs(src[j]! * v), max);
      out[j] = stochasticMagnitude(a, u[d + j]!, minNormal, half) * s * ((words[j]! >> 31) | 1);
    }
  }
}

/** f64 run, as stochastic32. */
function stochastic64(
  src: Float64Array,
  out: Float64Array,
  off: number,
  n: number,
  inv: Float64Array,
  scale: Float64Array,
  shift: number,
  c: RoundConsts,
  u: Float64Array,
  uOff: number,
): void {
  const { minNormal, max, half } = c;
  const hi = new Int32Array(src.buffer, src.byteOffset, src.length * 2);
  for (let k = 0, j = off, end = off + n, g = 2 ** shift, d = uOff - off; j < end; k++) {
    const v = inv[k]!;
    const s = scale[k]!;
    for (const e = Math.min(j + g, end); j < e; j++) {
      const a = Math.min(Math.abs(src[j]! * v), max);
      out[j] =
        stochasticMagnitude(a, u[d + j]!, minNormal, half) * s * ((hi[2 * j + 1]! >> 31) | 1);
    }
  }
}

/** Stochastic rounding of src[off..off+n) times one inverse scale `inv`; u[uOff + i] per value. */
export function stochasticSpan(
  src: Storage,
  out: Storage,
  off: number,
  n: number,
  inv: number,
  c: RoundConsts,
  u: Float64Array,
  uOff: number,
): void {
  const [i, s] = single(inv);
  stochasticSpanEach(src, out, off, n, i, s, 31, c, u, uOff);
}

/** Stochastic rounding with a scale per group of 2^shift elements, as nearestSpanEach. */
export function stochasticSpanEach(
  src: Storage,
  out: Storage,
  off: number,
  n: number,
  inv: Float64Array,
  scale: Float64Array,
  shift: number,
  c: RoundConsts,
  u: Float64Array,
  uOff: number,
): void {
  if (src instanceof Float32Array && out instanceof Float32Array)
    stochastic32(src, out, off, n, inv, scale, shift, c, u, uOff);
  else if (src instanceof Float64Array && out instanceof Float64Array)
    stochastic64(src, out, off, n, inv, scale, shift, c, u, uOff);
  else
    for (let i = 0; i < n; i++) {
      // Mixed array types: the plain path, the sign from 1/x so that −0 keeps it.
      const x = src[off + i]! * inv[i >>> shift]!;
      const r = stochasticMagnitude(
        Math.min(Math.abs(x), c.max),
        u[uOff + i]!,
        c.minNormal,
        c.half,
      );
      out[off + i] = r * scale[i >>> shift]! * (x < 0 || 1 / x < 0 ? -1 : 1);
    }
}
