// The WebAssembly path of quantise-dequantise for f32 tensors: the values are copied into the
// kernel's memory once, their block maxima, rounding (nearest or stochastic, with the Rng's
// xoshiro128** stepped inside the loop) run there two f64 lanes at a time, and the result is
// copied out. It computes what the scalar loops in qdq.ts compute, bit for bit (tested against
// them), about 2–3× faster on 2^20 values. Hand-written because no npm library quantises into
// ExMy formats with these scalings; the kernels' text is kernels/qdq-wat.mjs.
// TSNB_WASM_QDQ=0 turns the path off (the scalar loops then do all the work).
import { QDQ_WASM_BASE64 } from "./kernels/qdq-module.js";
import type { RoundConsts } from "./qdq.ts";
import type { Rng } from "./rng.ts";

interface QdqExports {
  readonly memory: WebAssembly.Memory;
  nearest(
    p: number,
    n: number,
    inv: number,
    scale: number,
    shift: number,
    max: number,
    split: number,
    shifter: number,
    minNormal: number,
  ): void;
  stochastic(
    p: number,
    n: number,
    inv: number,
    scale: number,
    shift: number,
    max: number,
    minNormal: number,
    half: number,
    state: number,
  ): void;
  blockAmax(p: number, blocks: number, b: number, out: number): void;
  nearestCols(
    p: number,
    rows: number,
    cols: number,
    inv: number,
    scale: number,
    b: number,
    max: number,
    split: number,
    shifter: number,
    minNormal: number,
  ): void;
  stochasticCols(
    p: number,
    rows: number,
    cols: number,
    inv: number,
    scale: number,
    b: number,
    max: number,
    minNormal: number,
    half: number,
    state: number,
  ): void;
  columnAmax(p: number, rows: number, cols: number, b: number, out: number): void;
}

let module: WebAssembly.Module | null | undefined;
let exports: QdqExports | null | undefined;
let enabled = globalThis.process?.env?.TSNB_WASM_QDQ !== "0";

/**
 * Kernel memory kept between calls, at most: a larger tensor gets an instance of its own, whose
 * memory (WebAssembly memory never shrinks) is freed with it instead of staying for the process.
 */
const KEEP_BYTES = 64 << 20;

/** The compiled module, or null where WebAssembly SIMD is missing (the scalar loops serve). */
function compiled(): WebAssembly.Module | null {
  if (module === undefined) {
    try {
      const bytes = Uint8Array.from(atob(QDQ_WASM_BASE64), (ch) => ch.charCodeAt(0));
      module = new WebAssembly.Module(bytes);
    } catch {
      module = null;
    }
  }
  return module;
}

/** Kernels with room for `bytes` of working set: the shared instance, or a fresh one if larger. */
function kernels(bytes = 0): QdqExports | null {
  if (!enabled) return null;
  const m = compiled();
  if (m === null) return null;
  try {
    if (bytes > KEEP_BYTES) return new WebAssembly.Instance(m).exports as never;
    exports ??= new WebAssembly.Instance(m).exports as never;
    return exports ?? null;
  } catch {
    return null; // no memory for another instance: the scalar loops serve
  }
}

/** Bytes of kernel memory kept between calls (the shared instance's; 0 before its first use). */
export function keptQdqBytes(): number {
  return exports ? exports.memory.buffer.byteLength : 0;
}

/** True when f32 quantisation runs in the WebAssembly kernels (on, and the module compiled here). */
export function wasmQdqActive(): boolean {
  return kernels() !== null;
}

/** Turn the WebAssembly path on or off (tests compare it with the scalar loops); returns the old setting. */
export function setWasmQdq(on: boolean): boolean {
  const was = enabled;
  enabled = on;
  return was;
}

const align16 = (n: number): number => (n + 15) & ~15;

/** Bytes 0–15 of the kernel memory hold an Rng's state while a stochastic kernel runs. */
const STATE = 0;
const DATA = 16;

/**
 * One quantisation's working set in the kernel's memory: n f32 values (padded with zeros to a
 * multiple of 4) and, per scale group, its block maximum, inverse scale and scale. Views are
 * valid until the next QdqArena is opened (the memory may grow and move).
 */
export class QdqArena {
  readonly amax: Float64Array;
  readonly inv: Float64Array;
  readonly scale: Float64Array;
  private readonly n4: number;
  private readonly at: { amax: number; inv: number; scale: number };

  private constructor(
    private readonly k: QdqExports,
    private readonly n: number,
    groups: number,
  ) {
    this.n4 = (n + 3) & ~3;
    const amax = align16(DATA + 4 * this.n4);
    const inv = amax + align16(8 * groups);
    const scale = inv + align16(8 * groups);
    const end = QdqArena.bytes(n, groups);
    const have = k.memory.buffer.byteLength;
    if (end > have) k.memory.grow(Math.ceil((end - have) / 65536));
    const buf = k.memory.buffer;
    this.at = { amax, inv, scale };
    this.amax = new Float64Array(buf, amax, groups);
    this.inv = new Float64Array(buf, inv, groups);
    this.scale = new Float64Array(buf, scale, groups);
  }

  /** Bytes of kernel memory an arena of n values and `groups` scales uses. */
  private static bytes(n: number, groups: number): number {
    return align16(DATA + 4 * ((n + 3) & ~3)) + 3 * align16(8 * groups);
  }

  /**
   * An arena holding src's values with room for `groups` scales, or null when the WebAssembly
   * path is off or unavailable, or the memory cannot grow that far.
   */
  static open(src: Float32Array, groups: number): QdqArena | null {
    const k = kernels(QdqArena.bytes(src.length, groups));
    if (k === null) return null;
    let arena: QdqArena;
    try {
      arena = new QdqArena(k, src.length, groups);
    } catch {
      return null; // memory.grow refused (RangeError): let the scalar loops do it
    }
    const data = new Float32Array(k.memory.buffer, DATA, arena.n4);
    data.set(src);
    data.fill(0, src.length);
    return arena;
  }

  /** amax[k] = max |x| over the k-th run of b values (b a multiple of 4; NaN never wins). */
  blockAmax(b: number): void {
    this.k.blockAmax(DATA, this.n4 / b, b, this.at.amax);
  }

  /** The largest |x| of all values (NaN never wins), into amax[0] and returned. */
  tensorAmax(): number {
    this.k.blockAmax(DATA, 1, this.n4, this.at.amax);
    return this.amax[0]!;
  }

  /** Round every value by nearest-even, value i with inv/scale[i >>> shift] (shift ≥ 2). */
  nearest(shift: number, c: RoundConsts): void {
    this.k.nearest(
      DATA,
      this.n4,
      this.at.inv,
      this.at.scale,
      shift,
      c.max,
      c.split,
      c.shifter,
      c.minNormal,
    );
  }

  /**
   * Stochastic rounding of the first `count` values (a multiple of 4), one draw of `rng` each
   * in order (exactly Rng.fillUniform32's stream), the generator left after the last draw.
   */
  stochastic(count: number, shift: number, c: RoundConsts, rng: Rng): void {
    const state = new Int32Array(this.k.memory.buffer, STATE, 4);
    rng.saveState(state, 0);
    this.k.stochastic(
      DATA,
      count,
      this.at.inv,
      this.at.scale,
      shift,
      c.max,
      c.minNormal,
      c.half,
      STATE,
    );
    rng.loadState(state, 0);
  }

  /**
   * For a [rows, cols] matrix (cols a multiple of 4): amax[g·cols + c] = max |x| down column c
   * over the g-th group of b rows (NaN never wins).
   */
  columnAmax(rows: number, cols: number, b: number): void {
    this.k.columnAmax(DATA, rows, cols, b, this.at.amax);
  }

  /** Round a [rows, cols] matrix by nearest-even, (r, c) with inv/scale[⌊r/b⌋·cols + c]. */
  nearestCols(rows: number, cols: number, b: number, c: RoundConsts): void {
    this.k.nearestCols(
      DATA,
      rows,
      cols,
      this.at.inv,
      this.at.scale,
      b,
      c.max,
      c.split,
      c.shifter,
      c.minNormal,
    );
  }

  /** As nearestCols by stochastic rounding, one draw of `rng` per value in row-major order. */
  stochasticCols(rows: number, cols: number, b: number, c: RoundConsts, rng: Rng): void {
    const state = new Int32Array(this.k.memory.buffer, STATE, 4);
    rng.saveState(state, 0);
    this.k.stochasticCols(
      DATA,
      rows,
      cols,
      this.at.inv,
      this.at.scale,
      b,
      c.max,
      c.minNormal,
      c.half,
      STATE,
    );
    rng.loadState(state, 0);
  }

  /** The rounded values, copied into `out` (n of them). */
  copyOut(out: Float32Array): void {
    out.set(new Float32Array(this.k.memory.buffer, DATA, this.n));
  }
}
