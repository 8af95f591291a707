// Quantise-dequantise of a matrix into a narrow format with a scaling scheme: one f32 scale per
// tensor, one scale per 1-D block along an axis (MX: 32 elements, power-of-two E8M0 scale, OCP
// MX spec v1.0 §6.3; NVFP4: 16 elements, E4M3 scale under an f32 tensor scale), or per 2-D tile
// (16×16, so a weight and its transpose share one quantisation). Returns the dequantised values:
// the engine computes on them as on any tensor ("fake quantisation", bit-exact in value).
import { TensorError } from "./error.ts";
import {
  E4M3,
  exponentOf,
  roundMini,
  SHIFT_MIN,
  SHIFTERS,
  type MiniFloat,
  type Rounding,
} from "./minifloat.ts";
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

/** Uniform draws in [0, 1) for stochastic rounding; null for nearest-even. */
function drawer(rounding: Rounding, rng: RandomSource | undefined): (() => number) | null {
  if (rounding === "nearest") return null;
  if (rng === undefined)
    throw new TensorError("quantize", "stochastic rounding without a generator", "an rng option");
  if (rng instanceof Rng) return () => rng.nextUint32() * 2.3283064365386963e-10;
  return () => drawUniform(rng);
}

/**
 * Round `n` values src[off + i·stride] times `inv` into `fmt`, nearest-even and saturating, and
 * write them back divided by `inv`: the hot loop of every scheme. Normal values round by
 * Veltkamp's split (t = a·C, r = t − (t − a) with C = 2^(52−m) + 1 keeps m + 1 significant bits,
 * no exponent needed); subnormal ones by adding and subtracting 1.5·2^52·q (the trick of dtype.ts).
 * Both are checked against roundMini on every midpoint of every format in the tests.
 */
function nearestRun(
  src: Storage,
  out: Storage,
  off: number,
  stride: number,
  n: number,
  inv: number,
  fmt: MiniFloat,
): void {
  const scale = 1 / inv;
  const minNormal = fmt.minNormal;
  const max = fmt.maxFinite;
  const split = 2 ** (52 - fmt.mantissaBits) + 1;
  const shifter = SHIFTERS[fmt.emin - fmt.mantissaBits - SHIFT_MIN]!;
  for (let i = 0, j = off; i < n; i++, j += stride) {
    const v = src[j]! * inv;
    const a = v < 0 ? -v : v;
    let r: number;
    if (a < minNormal) r = a + shifter - shifter;
    else {
      const t = a * split;
      r = t - (t - a);
    }
    if (r > max || r !== r) r = v !== v ? NaN : max;
    out[j] = r === 0 ? v * 0 : (v < 0 ? -r : r) * scale; // v·0 keeps the sign of zero
  }
}

/** As nearestRun, rounding stochastically with uniforms from `draw`. */
function stochasticRun(
  src: Storage,
  out: Storage,
  off: number,
  stride: number,
  n: number,
  inv: number,
  fmt: MiniFloat,
  draw: () => number,
): void {
  const scale = 1 / inv;
  for (let i = 0, j = off; i < n; i++, j += stride)
    out[j] = roundMini(src[j]! * inv, fmt, draw()) * scale;
}

function quantizeRun(
  src: Storage,
  out: Storage,
  off: number,
  stride: number,
  n: number,
  inv: number,
  fmt: MiniFloat,
  draw: (() => number) | null,
): void {
  if (draw === null) nearestRun(src, out, off, stride, n, inv, fmt);
  else stochasticRun(src, out, off, stride, n, inv, fmt, draw);
}

function amaxRun(src: Storage, off: number, stride: number, n: number): number {
  let m = 0;
  for (let i = 0, j = off; i < n; i++, j += stride) {
    const a = Math.abs(src[j]!);
    if (a > m) m = a;
  }
  return m;
}

/** The multiplier that maps a block of max |x| = amax into the element format. */
function blockInverse(amax: number, fmt: MiniFloat, scale: ScaleFormat, tensorInv: number): number {
  if (amax === 0 || !Number.isFinite(amax)) return 1;
  if (scale === "e8m0") {
    // OCP MX §6.3: X = 2^(floor(log2 amax) − emax_elem), clamped to E8M0's range.
    const shared = Math.min(127, Math.max(-127, exponentOf(amax) - fmt.emax));
    return 2 ** -shared;
  }
  if (scale === "f32") return Math.fround(fmt.maxFinite / amax);
  // NVFP4: the decode scale amax/max, times the tensor's encode scale, stored in `scale`.
  const stored = roundMini((amax / fmt.maxFinite) * tensorInv, scale);
  return stored === 0 ? 1 : tensorInv / stored;
}

export interface QuantizeOptions {
  /** The axis blocks run along (1: along each row, 0: down each column). Default 1. */
  axis?: 0 | 1;
  /** Generator for stochastic rounding. */
  rng?: RandomSource;
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
  const out =
    src instanceof Float64Array ? new Float64Array(src.length) : new Float32Array(src.length);
  const fmt = q.element;
  const draw = drawer(q.rounding, options.rng);
  const s = q.scaling;
  if (s.kind === "none" || s.kind === "tensor") {
    const amax = s.kind === "tensor" ? amaxRun(src, 0, 1, src.length) : 0;
    const inv = amax === 0 || !Number.isFinite(amax) ? 1 : Math.fround(fmt.maxFinite / amax);
    quantizeRun(src, out, 0, 1, src.length, inv, fmt, draw);
    return out;
  }
  const scaleFmt = s.scale;
  const tensorInv =
    s.tensorScale === true && typeof scaleFmt === "object"
      ? tensorEncodeScale(amaxRun(src, 0, 1, src.length), fmt, scaleFmt)
      : 1;
  const b = s.size;
  if (s.kind === "tile") {
    if (rows % b !== 0 || cols % b !== 0)
      throw new TensorError(
        "quantizeMatrix",
        `[${rows}, ${cols}] in ${b}×${b} tiles`,
        `both sizes multiples of ${b}`,
      );
    for (let r0 = 0; r0 < rows; r0 += b)
      for (let c0 = 0; c0 < cols; c0 += b) {
        let amax = 0;
        for (let r = r0; r < r0 + b; r++) amax = Math.max(amax, amaxRun(src, r * cols + c0, 1, b));
        const inv = blockInverse(amax, fmt, scaleFmt, tensorInv);
        for (let r = r0; r < r0 + b; r++)
          quantizeRun(src, out, r * cols + c0, 1, b, inv, fmt, draw);
      }
    return out;
  }
  const axis = options.axis ?? 1;
  const along = axis === 1 ? cols : rows;
  if (along % b !== 0)
    throw new TensorError(
      "quantizeMatrix",
      `${along} elements along axis ${axis} in blocks of ${b}`,
      `a multiple of ${b}`,
    );
  const lines = axis === 1 ? rows : cols;
  const stride = axis === 1 ? 1 : cols;
  for (let l = 0; l < lines; l++)
    for (let k0 = 0; k0 < along; k0 += b) {
      const off = axis === 1 ? l * cols + k0 : k0 * cols + l;
      const inv = blockInverse(amaxRun(src, off, stride, b), fmt, scaleFmt, tensorInv);
      quantizeRun(src, out, off, stride, b, inv, fmt, draw);
    }
  return out;
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
