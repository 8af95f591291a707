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
 * Nearest-even of a magnitude a = |x·inv| (saturating at max; NaN stays NaN): Veltkamp's split
 * for normal values and the subnormal shifter, blended by a 0/1 mask rather than a branch (the
 * two cases interleave unpredictably in E2M1 data, where half the values are subnormal).
 */
function nearestMagnitude(
  a: number,
  split: number,
  shifter: number,
  minNormal: number,
  max: number,
): number {
  const t = a * split;
  const normal = t - (t - a);
  let r = normal + (a + shifter - shifter - normal) * +(a < minNormal);
  if (r !== r) r = a !== a ? NaN : max; // +Inf, or t overflowed
  return Math.min(r, max);
}

/** Nearest-even of one value into the format of `c`, saturating (±0 and NaN kept). */
export function roundNearest(v: number, c: RoundConsts): number {
  const r = nearestMagnitude(Math.abs(v), c.split, c.shifter, c.minNormal, c.max);
  return v < 0 || (v === 0 && 1 / v < 0) ? -r : r;
}

/**
 * The 32-bit words whose top bit is each element's sign: element j's is words[(j << wide) + wide]
 * (an f32 array's own words; an f64 array's high words on little-endian hosts). Signs are taken
 * from the bits so that no branch on the sign is needed and −0 stays −0.
 */
function signWords(src: Storage): { words: Int32Array; wide: number } {
  const wide = src instanceof Float64Array ? 1 : 0;
  return { words: new Int32Array(src.buffer, src.byteOffset, src.length << wide), wide };
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
  const { split, shifter, minNormal, max } = c;
  const { words, wide } = signWords(src);
  const scale = 1 / inv;
  for (let j = off, end = off + n; j < end; j++) {
    const r = nearestMagnitude(Math.abs(src[j]! * inv), split, shifter, minNormal, max);
    out[j] = r * scale * ((words[(j << wide) + wide]! >> 31) | 1);
  }
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
  const { split, shifter, minNormal, max } = c;
  const { words, wide } = signWords(src);
  for (let i = 0; i < n; i++) {
    const k = i >>> shift;
    const j = off + i;
    const r = nearestMagnitude(Math.abs(src[j]! * inv[k]!), split, shifter, minNormal, max);
    out[j] = r * scale[k]! * ((words[(j << wide) + wide]! >> 31) | 1);
  }
}

// Scratch of the stochastic spans: scaled magnitudes of one chunk, read back through a Uint32
// view for their exponent fields (a bulk pass, so no store-to-load stall per element).
const CHUNK = 4096;
const work = new Float64Array(CHUNK);
const workWords = new Uint32Array(work.buffer);

/**
 * Stochastic rounding of the magnitudes work[0..n) with uniforms u[uOff + i] in [0, 1): a
 * rounds up from the grid value below with probability equal to its distance from it in quanta
 * (roundMini's rule u·q < a − lo), so E[SR(x)] = x; saturating; written with src's signs (±0
 * kept) times scale[(k0 + i) >>> shift], or times `one` when scale is null.
 */
function stochasticFinish(
  src: Storage,
  out: Storage,
  off: number,
  n: number,
  one: number,
  scale: Float64Array | null,
  k0: number,
  shift: number,
  c: RoundConsts,
  u: Float64Array,
  uOff: number,
): void {
  const { quantum, inverseQuantum, max } = c;
  const { words, wide } = signWords(src);
  for (let i = 0; i < n; i++) {
    const a = work[i]!;
    const field = workWords[2 * i + 1]! >>> 20;
    const f = a * inverseQuantum[field]!;
    const fl = Math.floor(f);
    let r = (fl + +(u[uOff + i]! < f - fl)) * quantum[field]!; // up with probability f − fl
    if (r !== r) r = a !== a ? NaN : max; // +Inf gives Inf − Inf
    r = Math.min(r, max);
    const s = scale === null ? one : scale[(k0 + i) >>> shift]!;
    const j = off + i;
    out[j] = r * s * ((words[(j << wide) + wide]! >> 31) | 1);
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
  for (let o = 0; o < n; o += CHUNK) {
    const m = Math.min(CHUNK, n - o);
    for (let i = 0; i < m; i++) work[i] = Math.abs(src[off + o + i]! * inv);
    stochasticFinish(src, out, off + o, m, 1 / inv, null, 0, 0, c, u, uOff + o);
  }
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
  for (let o = 0; o < n; o += CHUNK) {
    const m = Math.min(CHUNK, n - o);
    for (let i = 0; i < m; i++) work[i] = Math.abs(src[off + o + i]! * inv[(o + i) >>> shift]!);
    stochasticFinish(src, out, off + o, m, 0, scale, o, shift, c, u, uOff + o);
  }
}
