// Worker thread of the matmul pool: instantiates the WebAssembly kernels on the shared
// memory and helps the main thread with row chunks of each job (see pool.ts for the
// protocol). Plain JavaScript so no TypeScript loader is needed inside the worker.
import { workerData } from "node:worker_threads";
import { CONTROL } from "./control.js";

const { module, memory, ctrl } = workerData;
const { sgemm, dgemm } = new WebAssembly.Instance(module, { env: { memory } }).exports;
const C = CONTROL;

Atomics.store(ctrl, C.ready, 1);
let seen = 0;
for (;;) {
  // wake at least every second so a terminate() is never stuck behind the wait
  Atomics.wait(ctrl, C.seq, seen, 1000);
  const seq = Atomics.load(ctrl, C.seq);
  if (seq === seen) continue;
  seen = seq;
  const fn = Atomics.load(ctrl, C.fn);
  if (fn < 0) break;
  const [a, b, c, row0, row1, k, npad, aRS, aCS] = Array.from({ length: 9 }, (_, i) =>
    Atomics.load(ctrl, C.args + i),
  );
  const chunks = Atomics.load(ctrl, C.chunks);
  const chunkRows = Atomics.load(ctrl, C.chunkRows);
  const tag = (seq & 0x7fff) << 16;
  for (;;) {
    const claim = Atomics.load(ctrl, C.claim);
    if ((claim & ~0xffff) !== tag || (claim & 0xffff) >= chunks) break;
    if (Atomics.compareExchange(ctrl, C.claim, claim, claim + 1) !== claim) continue;
    const r0 = row0 + (claim & 0xffff) * chunkRows;
    (fn === 0 ? sgemm : dgemm)(a, b, c, r0, Math.min(row1, r0 + chunkRows), k, npad, aRS, aCS);
    Atomics.store(ctrl, C.flags + (claim & 0xffff), seq);
    Atomics.add(ctrl, C.finished, 1);
    Atomics.notify(ctrl, C.finished);
  }
}
