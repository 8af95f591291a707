// The hot loops of quantise-dequantise: round a run of values times a scale into an ExMy format
// and write them back unscaled, by nearest-even or stochastic rounding, branch-light and
// bit-identical to roundMini (saturating). Nearest: Veltkamp's split for normal values and the
// 1.5·2^52·q shifter for subnormal ones, selected per element; stochastic: the quantum from a
// table indexed by the float64 exponent field, read in bulk through a Uint32 view of a buffer.
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

/** Nearest-even of one scaled value v (signed; saturating at ±max; NaN stays NaN). */
function nearest(
  v: number,
  split: number,
  shifter: number,
  minNormal: number,
  max: number,
): number {
  const t = v * split;
  let r = Math.abs(v) < minNormal ? v + shifter - shifter : t - (t - v);
  if (r !== r) r = v !== v ? NaN : v < 0 ? -max : max; // ±Inf, or t overflowed
  r = Math.min(Math.max(r, -max), max);
  return r === 0 ? v * 0 : r; // the subnormal shifter loses the sign of a zero
}

/** Nearest-even of one value into the format of `c`, saturating. */
export function roundNearest(v: number, c: RoundConsts): number {
  return nearest(v, c.split, c.shifter, c.minNormal, c.max);
}

/** out[off + i] = round(src[off + i]·inv)/inv for i < n, nearest-even. */
export function nearestSpan(
  src: Storage,
  out: Storage,
  off: number,
  n: number,
  inv: number,
  c: RoundConsts,
): void {
  const { split, shifter, minNormal, max } = c;
  const scale = 1 / inv;
  for (let j = off, end = off + n; j < end; j++)
    out[j] = nearest(src[j]! * inv, split, shifter, minNormal, max) * scale;
}

/** As nearestSpan with one inverse per element: inv[i], and scale[i] = 1/inv[i]. */
export function nearestSpanEach(
  src: Storage,
  out: Storage,
  off: number,
  n: number,
  inv: Float64Array,
  scale: Float64Array,
  c: RoundConsts,
): void {
  const { split, shifter, minNormal, max } = c;
  for (let i = 0; i < n; i++)
    out[off + i] = nearest(src[off + i]! * inv[i]!, split, shifter, minNormal, max) * scale[i]!;
}

// Scratch of the stochastic spans: scaled magnitudes, read back through a Uint32 view for their
// exponent fields (a bulk pass, so no store-to-load stall per element).
let work = new Float64Array(256);
let workWords = new Uint32Array(work.buffer);

function scratch(n: number): Float64Array {
  if (work.length < n) {
    work = new Float64Array(Math.max(n, 2 * work.length));
    workWords = new Uint32Array(work.buffer);
  }
  return work;
}

/**
 * Stochastic rounding of the magnitudes work[0..n) with uniforms u[uOff + i] in [0, 1): a
 * rounds up from the grid value below with probability equal to its distance from it in quanta
 * (roundMini's rule u·q < a − lo), so E[SR(x)] = x; saturating; written with src's signs times
 * `scale` (a number, or one per element).
 */
function stochasticFinish(
  src: Storage,
  out: Storage,
  off: number,
  n: number,
  scale: number,
  scales: Float64Array | null,
  c: RoundConsts,
  u: Float64Array,
  uOff: number,
): void {
  const w = work;
  const words = workWords;
  const { quantum, inverseQuantum, max } = c;
  for (let i = 0; i < n; i++) {
    const a = w[i]!;
    const field = words[2 * i + 1]! >>> 20;
    const f = a * inverseQuantum[field]!;
    const fl = Math.floor(f);
    let r = (u[uOff + i]! < f - fl ? fl + 1 : fl) * quantum[field]!;
    if (r !== r) r = a !== a ? NaN : max; // +Inf gives Inf − Inf
    r = Math.min(r, max);
    const x = src[off + i]!;
    const s = scales === null ? scale : scales[i]!;
    out[off + i] = (x < 0 || (x === 0 && 1 / x < 0) ? -r : r) * s; // keeps −0
  }
}

/** Stochastic rounding of src[off..off+n) times one inverse scale `inv`. */
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
  const w = scratch(n);
  for (let i = 0; i < n; i++) w[i] = Math.abs(src[off + i]! * inv);
  stochasticFinish(src, out, off, n, 1 / inv, null, c, u, uOff);
}

/** Stochastic rounding with one inverse per element: inv[i], and scale[i] = 1/inv[i]. */
export function stochasticSpanEach(
  src: Storage,
  out: Storage,
  off: number,
  n: number,
  inv: Float64Array,
  scale: Float64Array,
  c: RoundConsts,
  u: Float64Array,
  uOff: number,
): void {
  const w = scratch(n);
  for (let i = 0; i < n; i++) w[i] = Math.abs(src[off + i]! * inv[i]!);
  stochasticFinish(src, out, off, n, 0, scale, c, u, uOff);
}
