// Quantise-dequantise of a matrix into a narrow format with a scaling scheme: one f32 scale per
// tensor, one scale per 1-D block along an axis (MX: 32 elements, power-of-two E8M0 scale, OCP
// MX spec v1.0 §6.3; NVFP4: 16 elements, E4M3 scale under an f32 tensor scale), or per 2-D tile
// (16×16, so a weight and its transpose share one quantisation). Returns the dequantised values:
// the engine computes on them as on any tensor ("fake quantisation", bit-exact in value).
// f32 tensors go through the WebAssembly kernels (qdq-wasm.ts) where their shape allows;
// everything else, and every path when they are off, through qdq.ts's loops.
import { TensorError } from "./error.ts";
import { E4M3, exponentOf, type MiniFloat, type Rounding } from "./minifloat.ts";
import {
  nearestSpan,
  nearestSpanEach,
  roundNearest,
  roundConsts,
  stochasticSpan,
  stochasticSpanEach,
  type RoundConsts,
} from "./qdq.ts";
import { QdqArena } from "./qdq-wasm.ts";
import { drawUniform, Rng, type RandomSource } from "./rng.ts";
import type { Storage } from "./dtype.ts";

/** How a block's scale is stored: an E8M0 power of two (MX), a narrow float (NVFP4: E4M3), or f32. */
export type ScaleFormat = "e8m0" | "f32" | MiniFloat;

export type Scaling =
  | { kind: "none" }
  | { kind: "tensor" }
  | { kind: "block"; size: number; scale: ScaleFormat; tensorScale?: boolean }
  | { kind: "tile"; size: number; scale: ScaleFormat; tensorScale?: boolean };

export interface QuantFormat {
  readonly element: MiniFloat;
  readonly scaling: Scaling;
  readonly rounding: Rounding;
}

/** One format, its scaling and its rounding, e.g. quantFormat(E2M1, nvfp4Blocks, "stochastic"). */
export function quantFormat(
  element: MiniFloat,
  scaling: Scaling,
  rounding: Rounding = "nearest",
): QuantFormat {
  return { element, scaling, rounding };
}

/** OCP MX: blocks of 32 with a shared E8M0 scale. */
export const mxBlocks: Scaling = { kind: "block", size: 32, scale: "e8m0" };
/** NVFP4: blocks of 16 with an E4M3 scale under a per-tensor f32 scale. */
export const nvfp4Blocks: Scaling = { kind: "block", size: 16, scale: E4M3, tensorScale: true };
/** NVFP4 with 16×16 tiles (the NVFP4 pretraining recipe's weight quantisation). */
export const nvfp4Tiles: Scaling = { kind: "tile", size: 16, scale: E4M3, tensorScale: true };

/** E8M0 (OCP MX §5.4): 2^(E−127) for E = 0…254, 0xFF = NaN; no zero, no sign. */
export function decodeE8M0(code: number): number {
  return code === 0xff ? NaN : 2 ** (code - 127);
}

/**
 * The uniforms of stochastic rounding, one per element in row-major order, drawn as the
 * rounding consumes them (every path below visits elements in that order), into a reused buffer
 * rather than one array the size of the tensor; null for nearest rounding.
 */
class Uniforms {
  private buf = new Float64Array(0);
  constructor(private readonly rng: RandomSource) {}

  /** The next n uniforms in [0, 1), valid until the next call. */
  next(n: number): Float64Array {
    if (this.buf.length < n) this.buf = new Float64Array(Math.max(n, 4096));
    const u = this.buf.length === n ? this.buf : this.buf.subarray(0, n);
    if (this.rng instanceof Rng) this.rng.fillUniform32(u);
    else for (let i = 0; i < n; i++) u[i] = drawUniform(this.rng);
    return u;
  }
}

function uniforms(rounding: Rounding, rng: RandomSource | undefined): Uniforms | null {
  if (rounding === "nearest") return null;
  if (rng === undefined)
    throw new TensorError("quantize", "stochastic rounding without a generator", "an rng option");
  return new Uniforms(rng);
}

/** Round n contiguous values times `inv` and write them back unscaled (the scalar-scale runs). */
function span(
  src: Storage,
  out: Storage,
  off: number,
  n: number,
  inv: number,
  c: RoundConsts,
  u: Uniforms | null,
): void {
  if (u === null) nearestSpan(src, out, off, n, inv, c);
  else stochasticSpan(src, out, off, n, inv, c, u.next(n), 0);
}

/** n values from off with a scale per 2^shift of them (a row's columns, a run's blocks). */
function spanEach(
  src: Storage,
  out: Storage,
  off: number,
  n: number,
  inv: Float64Array,
  scale: Float64Array,
  shift: number,
  c: RoundConsts,
  u: Uniforms | null,
): void {
  if (u === null) nearestSpanEach(src, out, off, n, inv, scale, shift, c);
  else
    for (let o = 0, step = Math.max(CHUNK, 2 ** shift); o < n; o += step) {
      // A chunk of whole groups, so that its first group is inv[o >>> shift].
      const m = Math.min(step, n - o);
      const k = o >>> shift;
      stochasticSpanEach(
        src,
        out,
        off + o,
        m,
        inv.subarray(k),
        scale.subarray(k),
        shift,
        c,
        u.next(m),
        0,
      );
    }
}

/** Values per draw of uniforms in the stochastic runs (a multiple of every 2^shift used). */
const CHUNK = 1 << 12;

/** Largest |x| of n values from off (NaN never wins), four running maxima to break the chain. */
function amaxRun(src: Storage, off: number, n: number): number {
  let m0 = 0;
  let m1 = 0;
  let m2 = 0;
  let m3 = 0;
  const end = off + n;
  let j = off;
  for (; j + 3 < end; j += 4) {
    const a0 = Math.abs(src[j]!);
    const a1 = Math.abs(src[j + 1]!);
    const a2 = Math.abs(src[j + 2]!);
    const a3 = Math.abs(src[j + 3]!);
    m0 = a0 > m0 ? a0 : m0;
    m1 = a1 > m1 ? a1 : m1;
    m2 = a2 > m2 ? a2 : m2;
    m3 = a3 > m3 ? a3 : m3;
  }
  for (; j < end; j++) {
    const a = Math.abs(src[j]!);
    m0 = a > m0 ? a : m0;
  }
  const m = m0 > m1 ? m0 : m1;
  const k = m2 > m3 ? m2 : m3;
  return m > k ? m : k;
}

// Block maxima of a contiguous run: amax[k] = max |src[off + k·b + i]| over i < b (NaN never
// wins). For f32 on the bit patterns, branch-free: |x|'s bits order as |x| does, a NaN's
// (above 0x7f800000) are zeroed by a mask, and the larger of two is picked by the sign of their
// difference, so that a running maximum costs no mispredicted branch.
const amaxBits = new Int32Array(1);
const amaxFloat = new Float32Array(amaxBits.buffer);

function blockAmax32(src: Float32Array, off: number, b: number, amax: Float64Array): void {
  const words = new Int32Array(src.buffer, src.byteOffset, src.length);
  for (let k = 0, j = off; k < amax.length; k++) {
    let m = 0;
    for (const end = j + b; j < end; j++) {
      const w = words[j]! & 0x7fffffff;
      const v = w & ~((0x7f800000 - w) >> 31);
      m = v ^ ((m ^ v) & ((v - m) >> 31));
    }
    amaxBits[0] = m;
    amax[k] = amaxFloat[0]!;
  }
}

function blockAmax64(src: Float64Array, off: number, b: number, amax: Float64Array): void {
  for (let k = 0, j = off; k < amax.length; k++) {
    let m = 0;
    for (const end = j + b; j < end; j++) m = Math.abs(src[j]!) > m ? Math.abs(src[j]!) : m;
    amax[k] = m;
  }
}

function blockAmax(src: Storage, b: number, amax: Float64Array): void {
  if (src instanceof Float32Array) blockAmax32(src, 0, b, amax);
  else blockAmax64(src, 0, b, amax);
}

/** 2^−e for the E8M0 exponents e = −127…127, by e + 127. */
const E8M0_INVERSE = Float64Array.from({ length: 255 }, (_, i) => 2 ** (127 - i));

/**
 * inv[k] = blockInverse(amax[k], …) and scale[k] = 1/inv[k] for every block, the scale kind
 * chosen once: E8M0 exponents read from amax's float64 bits in bulk (a subnormal or zero amax
 * has field 0, which clamps to −127 as exponentOf's −1023 would).
 */
function blockInverses(
  amax: Float64Array,
  fmt: MiniFloat,
  scaleFmt: ScaleFormat,
  tensorInv: number,
  sc: RoundConsts | null,
  inv: Float64Array,
  scale: Float64Array,
): void {
  if (scaleFmt === "e8m0") {
    const hi = new Uint32Array(amax.buffer, amax.byteOffset, amax.length * 2);
    for (let k = 0; k < amax.length; k++) {
      const a = amax[k]!;
      const e = ((hi[2 * k + 1]! >>> 20) & 0x7ff) - 1023 - fmt.emax;
      const i =
        a === 0 || a === Infinity ? 1 : E8M0_INVERSE[Math.min(127, Math.max(-127, e)) + 127]!;
      inv[k] = i;
      scale[k] = 1 / i;
    }
    return;
  }
  for (let k = 0; k < amax.length; k++) {
    inv[k] = blockInverse(amax[k]!, fmt, scaleFmt, tensorInv, sc);
    scale[k] = 1 / inv[k]!;
  }
}

/** The multiplier that maps a block of max |x| = amax into the element format. */
function blockInverse(
  amax: number,
  fmt: MiniFloat,
  scale: ScaleFormat,
  tensorInv: number,
  sc: RoundConsts | null,
): number {
  if (amax === 0 || !Number.isFinite(amax)) return 1;
  if (scale === "e8m0") {
    // OCP MX §6.3: X = 2^(floor(log2 amax) − emax_elem), clamped to E8M0's range.
    const shared = Math.min(127, Math.max(-127, exponentOf(amax) - fmt.emax));
    return 2 ** -shared;
  }
  if (scale === "f32") return Math.fround(fmt.maxFinite / amax);
  // NVFP4: the decode scale amax/max, times the tensor's encode scale, stored in `scale`.
  const stored = roundNearest((amax / fmt.maxFinite) * tensorInv, sc ?? roundConsts(scale));
  return stored === 0 ? 1 : tensorInv / stored;
}

export interface QuantizeOptions {
  /** The axis blocks run along (1: along each row, 0: down each column). Default 1. */
  axis?: 0 | 1;
  /** Generator for stochastic rounding. */
  rng?: RandomSource;
  /**
   * Where to write the result (same array type and length as the input, not the input itself),
   * e.g. a buffer reused across training steps; a new array when absent.
   */
  out?: Storage;
}

/** The array the result goes to: options.out checked against src, or a new one like src. */
function output<S extends Storage>(src: S, options: QuantizeOptions): S {
  const out = options.out;
  if (out === undefined)
    return (
      src instanceof Float64Array ? new Float64Array(src.length) : new Float32Array(src.length)
    ) as S;
  if (out.constructor !== src.constructor || out.length !== src.length || out.buffer === src.buffer)
    throw new TensorError(
      "quantizeMatrix",
      `options.out: a ${out.constructor.name} of ${out.length}${out.buffer === src.buffer ? " sharing the input's buffer" : ""}`,
      `a separate ${src.constructor.name} of ${src.length}, like the input`,
    );
  return out as S;
}

/**
 * Quantise-dequantise a row-major [rows, cols] matrix. Blocks need `cols` (axis 1) or `rows`
 * (axis 0) to be a multiple of the block size; tiles need both.
 */
export function quantizeMatrix(
  src: Storage,
  rows: number,
  cols: number,
  q: QuantFormat,
  options: QuantizeOptions = {},
): Storage {
  if (src.length !== rows * cols)
    throw new TensorError("quantizeMatrix", `${src.length} values`, `rows·cols = ${rows * cols}`);
  const out = output(src, options);
  if (
    src instanceof Float32Array &&
    quantizeF32Wasm(src, rows, cols, q, options, out as Float32Array)
  )
    return out;
  const fmt = q.element;
  const c = roundConsts(fmt);
  const u = uniforms(q.rounding, options.rng);
  const s = q.scaling;
  if (s.kind === "none" || s.kind === "tensor") {
    const amax = s.kind === "tensor" ? amaxRun(src, 0, src.length) : 0;
    const inv = amax === 0 || !Number.isFinite(amax) ? 1 : Math.fround(fmt.maxFinite / amax);
    span(src, out, 0, src.length, inv, c, u);
    return out;
  }
  const b = s.size;
  const axis = s.kind === "tile" ? 2 : (options.axis ?? 1);
  if (axis === 2 ? rows % b !== 0 || cols % b !== 0 : (axis === 1 ? cols : rows) % b !== 0)
    throw new TensorError(
      "quantizeMatrix",
      axis === 2
        ? `[${rows}, ${cols}] in ${b}×${b} tiles`
        : `${axis === 1 ? cols : rows} elements along axis ${axis} in blocks of ${b}`,
      axis === 2 ? `both sizes multiples of ${b}` : `a multiple of ${b}`,
    );
  // Every block's amax first (blocks along rows: one per run of b; down columns or in tiles:
  // one per column of each group of b rows); the tensor's amax is the largest of them.
  const amax = axis === 1 ? new Float64Array(src.length / b) : new Float64Array((rows / b) * cols);
  if (axis === 1) blockAmax(src, b, amax);
  else
    for (let r = 0; r < rows; r++)
      for (let k = 0, j = r * cols, g = ((r / b) | 0) * cols; k < cols; k++, j++, g++)
        if (Math.abs(src[j]!) > amax[g]!) amax[g] = Math.abs(src[j]!);
  if (axis === 2) for (let g = 0; g < amax.length; g += b) amax.fill(amaxRun(amax, g, b), g, g + b);
  const inv = new Float64Array(amax.length);
  const scale = new Float64Array(amax.length);
  blockScales(amax, fmt, s, inv, scale);
  if (axis !== 1) {
    // Each row rounds with its group's per-column inverses.
    for (let r = 0; r < rows; r++) {
      const g = ((r / b) | 0) * cols;
      spanEach(
        src,
        out,
        r * cols,
        cols,
        inv.subarray(g, g + cols),
        scale.subarray(g, g + cols),
        0,
        c,
        u,
      );
    }
    return out;
  }
  // Blocks along rows: one pass with a scale per 2^shift values, or a run per block.
  if ((b & (b - 1)) === 0) spanEach(src, out, 0, src.length, inv, scale, Math.log2(b), c, u);
  else for (let k = 0; k < amax.length; k++) span(src, out, k * b, b, inv[k]!, c, u);
  return out;
}

/**
 * The WebAssembly path (qdq-wasm.ts) for an f32 tensor with one scale, blocks of a power of two
 * ≥ 4 along rows, or blocks down columns and tiles when the row length is a multiple of 4, rounded
 * to nearest or stochastically with an Rng, into `out` (then true); false, with `out` untouched,
 * for everything else (other generators, other shapes) and when WebAssembly is off, so the
 * scalar path runs. Same steps and results as
 * quantizeMatrix's scalar path, value for value.
 */
function quantizeF32Wasm(
  src: Float32Array,
  rows: number,
  cols: number,
  q: QuantFormat,
  options: QuantizeOptions,
  out: Float32Array,
): boolean {
  const s = q.scaling;
  const rng = options.rng;
  const stochastic = q.rounding !== "nearest";
  if (src.length === 0 || (stochastic && !(rng instanceof Rng))) return false;
  const fmt = q.element;
  const c = roundConsts(fmt);
  const n = src.length;
  let arena: QdqArena | null;
  let shift: number;
  if (s.kind === "none" || s.kind === "tensor") {
    arena = QdqArena.open(src, 1);
    if (arena === null) return false;
    const amax = s.kind === "tensor" ? arena.tensorAmax() : 0;
    const inv = amax === 0 || !Number.isFinite(amax) ? 1 : Math.fround(fmt.maxFinite / amax);
    arena.inv[0] = inv;
    arena.scale[0] = 1 / inv;
    shift = 31;
  } else if (s.kind === "tile" || (options.axis ?? 1) === 0) {
    // Blocks down columns, or tiles (their column maxima then shared across b columns).
    const b = s.size;
    const tile = s.kind === "tile";
    if (cols % 4 !== 0 || rows % b !== 0 || (tile && cols % b !== 0)) return false;
    arena = QdqArena.open(src, (rows / b) * cols);
    if (arena === null) return false;
    arena.columnAmax(rows, cols, b);
    const amax = arena.amax;
    if (tile) for (let g = 0; g < amax.length; g += b) amax.fill(amaxRun(amax, g, b), g, g + b);
    blockScales(arena.amax, fmt, s, arena.inv, arena.scale);
    if (stochastic) arena.stochasticCols(rows, cols, b, c, rng as Rng);
    else arena.nearestCols(rows, cols, b, c);
    arena.copyOut(out);
    return true;
  } else {
    const b = s.size;
    if (b < 4 || (b & (b - 1)) !== 0 || cols % b !== 0) return false; // the scalar path serves
    arena = QdqArena.open(src, n / b);
    if (arena === null) return false;
    arena.blockAmax(b);
    blockScales(arena.amax, fmt, s, arena.inv, arena.scale);
    shift = Math.log2(b);
  }
  if (!stochastic) {
    arena.nearest(shift, c);
    arena.copyOut(out);
    return true;
  }
  // Whole quads in the kernel; a one-scale tensor's last n mod 4 values after it, in order.
  const whole = n & ~3;
  const inv = arena.inv[0]!;
  arena.stochastic(whole, shift, c, rng as Rng);
  arena.copyOut(out);
  if (whole < n)
    stochasticSpan(src, out, whole, n - whole, inv, c, new Uniforms(rng!).next(n - whole), 0);
  return true;
}

/**
 * inv[k] and scale[k] for every block from its maximum amax[k]: the block scale in its format
 * (under NVFP4's tensor scale when the scheme has one, from the largest block maximum).
 */
function blockScales(
  amax: Float64Array,
  fmt: MiniFloat,
  s: Extract<Scaling, { kind: "block" | "tile" }>,
  inv: Float64Array,
  scale: Float64Array,
): void {
  const scaleFmt = s.scale;
  const sc = typeof scaleFmt === "object" ? roundConsts(scaleFmt) : null;
  const tensorInv =
    s.tensorScale === true && typeof scaleFmt === "object"
      ? tensorEncodeScale(amaxRun(amax, 0, amax.length), fmt, scaleFmt)
      : 1;
  blockInverses(amax, fmt, scaleFmt, tensorInv, sc, inv, scale);
}

/** NVFP4's per-tensor encode scale: maps the tensor's amax to max_elem · max_scale (6 · 448). */
function tensorEncodeScale(amax: number, fmt: MiniFloat, scale: MiniFloat): number {
  if (amax === 0 || !Number.isFinite(amax)) return 1;
  return Math.fround((fmt.maxFinite * scale.maxFinite) / amax);
}

/** Quantise-dequantise a flat array with one scheme (blocks along its length). */
export function quantizeArray(
  src: Storage,
  q: QuantFormat,
  options: QuantizeOptions = {},
): Storage {
  return quantizeMatrix(src, 1, src.length, q, { ...options, axis: 1 });
}
