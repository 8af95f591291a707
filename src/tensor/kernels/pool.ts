// WebAssembly SIMD matmul on a shared memory, split over the main thread and one worker
// (this machine has 2 cores). Protocol on a shared Int32Array: the main thread writes the
// job's arguments, resets the claim word to (seq << 16) and publishes `seq`; both threads
// claim row chunks with compare-and-swap on the claim word (a stale worker holding an old
// seq can never claim a new job's chunk), and the main thread blocks (Atomics.wait, allowed
// in Node) until every chunk is finished. Dynamic chunks keep a descheduled worker from
// stalling the job. The worker is unref'd: it never keeps the process alive.
import { Worker } from "node:worker_threads";
import type { Storage } from "../dtype.ts";
import { GEMM_ROWS, gemmModuleBytes, WASM_MAX_PAGES } from "./wasm-gemm.js";
import { CONTROL } from "./control.js";

const C = CONTROL;
const MAX_CHUNKS = 16;
/** A worker silent this long is presumed lost: the main thread redoes its unfinished chunks. */
const STALL_MS = 5000;

interface Kernels {
  memory: WebAssembly.Memory;
  sgemm: (...args: number[]) => void;
  dgemm: (...args: number[]) => void;
  ctrl: Int32Array;
  worker: Worker | null;
  seq: number;
}

let kernels: Kernels | null | undefined;
let wantThreads = Number(process.env.TSNB_THREADS ?? 2) > 1;

function load(): Kernels | null {
  if (kernels !== undefined) return kernels;
  try {
    const module = new WebAssembly.Module(gemmModuleBytes(WASM_MAX_PAGES) as BufferSource);
    const memory = new WebAssembly.Memory({ initial: 64, maximum: WASM_MAX_PAGES, shared: true });
    const exports = new WebAssembly.Instance(module, { env: { memory } })
      .exports as unknown as Kernels;
    const ctrl = new Int32Array(new SharedArrayBuffer(4 * (C.flags + MAX_CHUNKS)));
    kernels = { memory, sgemm: exports.sgemm, dgemm: exports.dgemm, ctrl, worker: null, seq: 0 };
    if (wantThreads) {
      const worker = new Worker(new URL("./gemm-worker.js", import.meta.url), {
        workerData: { module, memory, ctrl },
      });
      worker.unref();
      const lose = (): void => {
        if (kernels?.worker === worker) kernels.worker = null;
      };
      worker.on("error", lose);
      worker.on("exit", lose);
      kernels.worker = worker;
    }
  } catch {
    kernels = null; // no WebAssembly SIMD or shared memory here: the JS kernel is used
  }
  return kernels;
}

/** Which kernels run matmul (kernel-info.ts adds quantisation's for kernelInfo()). */
export function matmulKernelInfo(): string {
  const k = load();
  if (k === null) return "JS kernels";
  const helper =
    k.worker !== null && Atomics.load(k.ctrl, C.ready) === 1 ? " + 1 worker thread" : "";
  return `WebAssembly SIMD on the main thread${helper}`;
}

/** Stop the worker thread (it restarts on demand). `threads: 1` keeps matmul on one thread. */
export function configureKernels(options: { threads?: number }): void {
  if (options.threads !== undefined) {
    wantThreads = options.threads > 1;
    shutdownKernels();
  }
}

/** Terminates the matmul worker thread, if any, so the process can exit; it restarts on the next large matmul. */
export function shutdownKernels(): void {
  if (kernels?.worker) {
    Atomics.store(kernels.ctrl, C.fn, -1);
    Atomics.add(kernels.ctrl, C.seq, 1);
    Atomics.notify(kernels.ctrl, C.seq);
    void kernels.worker.terminate();
  }
  kernels = undefined;
}

const roundUp = (x: number, q: number): number => Math.ceil(x / q) * q;

/**
 * C = op(A)·op(B) via the SIMD kernels; returns false when they are unavailable.
 * transA: `a` holds Aᵀ (k×m); transB: `b` holds Bᵀ (n×k).
 */
export function gemmWasm(
  a: Storage,
  b: Storage,
  c: Storage,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
): boolean {
  const K = load();
  if (K === null) return false;
  const f64 = c instanceof Float64Array;
  const eb = f64 ? 8 : 4;
  const cols = 32 / eb;
  const mpad = roundUp(m, GEMM_ROWS);
  const npad = roundUp(n, cols);
  const aOff = 0;
  const bOff = roundUp(aOff + mpad * k * eb + k * eb, 64); // + one row of slack for Aᵀ padding
  const cOff = roundUp(bOff + k * npad * eb, 64);
  const end = cOff + mpad * npad * eb;
  const have = K.memory.buffer.byteLength;
  if (end > have) K.memory.grow(Math.ceil((end - have) / 65536));
  const mem = f64 ? new Float64Array(K.memory.buffer) : new Float32Array(K.memory.buffer);
  const A = aOff / eb;
  const B = bOff / eb;
  const Cb = cOff / eb;
  let aRS: number;
  let aCS: number;
  if (!transA) {
    mem.set(a.subarray(0, m * k), A);
    mem.fill(0, A + m * k, A + mpad * k);
    [aRS, aCS] = [k, 1];
  } else {
    if (mpad === m) mem.set(a.subarray(0, k * m), A);
    else
      for (let p = 0; p < k; p++) {
        mem.set(a.subarray(p * m, p * m + m), A + p * mpad);
        mem.fill(0, A + p * mpad + m, A + (p + 1) * mpad);
      }
    [aRS, aCS] = [1, mpad];
  }
  if (!transB) {
    if (npad === n) mem.set(b.subarray(0, k * n), B);
    else
      for (let p = 0; p < k; p++) {
        mem.set(b.subarray(p * n, p * n + n), B + p * npad);
        mem.fill(0, B + p * npad + n, B + (p + 1) * npad);
      }
  } else {
    for (let p = 0; p < k; p++) {
      const row = B + p * npad;
      for (let j = 0; j < n; j++) mem[row + j] = b[j * k + p]!;
      mem.fill(0, row + n, row + npad);
    }
  }
  run(K, f64, [aOff, bOff, cOff, 0, mpad, k, npad, aRS, aCS], mpad, k * npad);
  if (npad === n) c.set(mem.subarray(Cb, Cb + m * n));
  else for (let i = 0; i < m; i++) c.set(mem.subarray(Cb + i * npad, Cb + i * npad + n), i * n);
  return true;
}

function run(K: Kernels, f64: boolean, args: number[], rows: number, workPerRow: number): void {
  const kernel = f64 ? K.dgemm : K.sgemm;
  const ctrl = K.ctrl;
  const parallel =
    K.worker !== null &&
    Atomics.load(ctrl, C.ready) === 1 &&
    rows * workPerRow >= 1 << 20 &&
    rows >= 16;
  if (!parallel) {
    kernel(...args);
    return;
  }
  const chunkRows = roundUp(Math.ceil(rows / MAX_CHUNKS), GEMM_ROWS);
  const chunks = Math.ceil(rows / chunkRows);
  K.seq = (K.seq + 1) & 0x7fff || 1;
  const tag = K.seq << 16;
  ctrl.set(args, C.args);
  Atomics.store(ctrl, C.fn, f64 ? 1 : 0);
  Atomics.store(ctrl, C.chunks, chunks);
  Atomics.store(ctrl, C.chunkRows, chunkRows);
  Atomics.store(ctrl, C.finished, 0);
  for (let i = 0; i < MAX_CHUNKS; i++) Atomics.store(ctrl, C.flags + i, 0);
  Atomics.store(ctrl, C.claim, tag);
  Atomics.store(ctrl, C.seq, K.seq);
  Atomics.notify(ctrl, C.seq);
  const [a, b, c, row0, row1, k, npad, aRS, aCS] = args as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  for (;;) {
    const claim = Atomics.load(ctrl, C.claim);
    if ((claim & 0xffff) >= chunks) break;
    if (Atomics.compareExchange(ctrl, C.claim, claim, claim + 1) !== claim) continue;
    const r0 = row0 + (claim & 0xffff) * chunkRows;
    kernel(a, b, c, r0, Math.min(row1, r0 + chunkRows), k, npad, aRS, aCS);
    Atomics.store(ctrl, C.flags + (claim & 0xffff), K.seq);
    Atomics.add(ctrl, C.finished, 1);
  }
  let lastDone = -1;
  let lastProgress = performance.now();
  for (;;) {
    const done = Atomics.load(ctrl, C.finished);
    if (done >= chunks) break;
    if (done !== lastDone) [lastDone, lastProgress] = [done, performance.now()];
    else if (performance.now() - lastProgress > STALL_MS) {
      // Redo what the worker has not marked done. Should it still be running a chunk, both
      // threads write the same bytes (the kernel is deterministic), so this is safe.
      for (let i = 0; i < chunks; i++)
        if (Atomics.load(ctrl, C.flags + i) !== K.seq) {
          const r0 = row0 + i * chunkRows;
          kernel(a, b, c, r0, Math.min(row1, r0 + chunkRows), k, npad, aRS, aCS);
        }
      // Retire this memory and its worker: a late worker must not write into the next job.
      // Later products start afresh on one thread.
      wantThreads = false;
      void K.worker?.terminate();
      kernels = undefined;
      break;
    }
    Atomics.wait(ctrl, C.finished, done, 5);
  }
}
