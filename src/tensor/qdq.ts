// The hot loops of quantise-dequantise: round a run of values times a scale into an ExMy format
// and write them back unscaled, by nearest-even or stochastic rounding, branch-light and
// bit-identical to roundMini (saturating). Nearest: Veltkamp's split for normal magnitudes and
// the 1.5·2^52·q shifter for subnormal ones, blended by a mask, the sign from the input's bits;
// stochastic: the quantum from a table indexed by the float64 exponent field, read in bulk
// through a Uint32 view of a scratch buffer.
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
  /** Quantum 2^(max(e, emin) − m) and its inverse by float64 exponent field e + 1023. */
  readonly quantum: Float64Array;
  readonly inverseQuantum: Float64Array;
}

const cache = new WeakMap<MiniFloat, RoundConsts>();

export function roundConsts(fmt: MiniFloat): RoundConsts {
  let c = cache.get(fmt);
  if (c !== undefined) return c;
  const m = fmt.mantissaBits;
  const quantum = new Float64Array(2048);
  const inverseQuantum = new Float64Array(2048);
  for (let f = 0; f < 2048; f++) {
    // Fields past the format's range only reach values that saturate; keep their quanta finite.
    const e = Math.min(Math.max(f - 1023, fmt.emin), fmt.emax + 1) - m;
    quantum[f] = 2 ** e;
    inverseQuantum[f] = 2 ** -e;
  }
  c = {
    max: fmt.maxFinite,
    minNormal: fmt.minNormal,
    split: 2 ** (52 - m) + 1,
    shifter: SHIFTERS[fmt.emin - m - SHIFT_MIN]!,
    quantum,
    inverseQuantum,
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
// (one shared loop over both array types runs about twice as slowly once V8 has seen both).
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

function nearestRun(
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
  nearestRun(src, out, off, n, i, s, 31, c);
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
  nearestRun(src, out, off, n, inv, scale, shift, c);
}

// Scratch of the stochastic spans: clamped scaled magnitudes of one chunk, read back through a
// Uint32 view for their exponent fields (a bulk pass, so no store-to-load stall per element).
const CHUNK = 2048;
const work = new Float64Array(CHUNK);
const workWords = new Uint32Array(work.buffer);

/** work[i] = min(|src[off + i]·inv[(k0 + i) >>> shift]|, max) for i < n, per array type. */
function magnitudes32(
  src: Float32Array,
  off: number,
  n: number,
  inv: Float64Array,
  k0: number,
  shift: number,
  max: number,
): void {
  for (let i = 0; i < n; i++)
    work[i] = Math.min(Math.abs(src[off + i]! * inv[(k0 + i) >>> shift]!), max);
}

function magnitudes64(
  src: Float64Array,
  off: number,
  n: number,
  inv: Float64Array,
  k0: number,
  shift: number,
  max: number,
): void {
  for (let i = 0; i < n; i++)
    work[i] = Math.min(Math.abs(src[off + i]! * inv[(k0 + i) >>> shift]!), max);
}

/**
 * Stochastic rounding of the magnitudes work[0..n) with uniforms u[uOff + i] in [0, 1): a
 * rounds up from the grid value below with probability equal to its distance from it in quanta
 * (roundMini's rule u·q < a − lo), so E[SR(x)] = x; the result times scale[(k0 + i) >>> shift]
 * goes back into work[i] (unsigned).
 */
function stochasticMagnitudes(
  n: number,
  scale: Float64Array,
  k0: number,
  shift: number,
  c: RoundConsts,
  u: Float64Array,
  uOff: number,
): void {
  const { quantum, inverseQuantum } = c;
  for (let i = 0; i < n; i++) {
    const a = work[i]!;
    const field = workWords[2 * i + 1]! >>> 20;
    const f = a * inverseQuantum[field]!;
    const fl = Math.floor(f);
    // Up with probability f − fl.
    work[i] = (fl + +(u[uOff + i]! < f - fl)) * quantum[field]! * scale[(k0 + i) >>> shift]!;
  }
}

/** out[off + i] = work[i] with the sign of src[off + i], per array type. */
function signed32(src: Float32Array, out: Float32Array, off: number, n: number): void {
  const words = new Int32Array(src.buffer, src.byteOffset, src.length);
  for (let i = 0, j = off; i < n; i++, j++) out[j] = work[i]! * ((words[j]! >> 31) | 1);
}

function signed64(src: Float64Array, out: Float64Array, off: number, n: number): void {
  const hi = new Int32Array(src.buffer, src.byteOffset, src.length * 2);
  for (let i = 0, j = off; i < n; i++, j++) out[j] = work[i]! * ((hi[2 * j + 1]! >> 31) | 1);
}

function stochasticRun(
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
  const f32 = src instanceof Float32Array && out instanceof Float32Array;
  const f64 = src instanceof Float64Array && out instanceof Float64Array;
  for (let o = 0; o < n; o += CHUNK) {
    const m = Math.min(CHUNK, n - o);
    if (src instanceof Float32Array) magnitudes32(src, off + o, m, inv, o, shift, c.max);
    else magnitudes64(src, off + o, m, inv, o, shift, c.max);
    stochasticMagnitudes(m, scale, o, shift, c, u, uOff + o);
    if (f32) signed32(src, out, off + o, m);
    else if (f64) signed64(src, out, off + o, m);
    else for (let i = 0; i < m; i++) out[off + o + i] = work[i]! * Math.sign(1 / src[off + o + i]!);
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
  stochasticRun(src, out, off, n, i, s, 31, c, u, uOff);
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
  stochasticRun(src, out, off, n, inv, scale, shift, c, u, uOff);
}
