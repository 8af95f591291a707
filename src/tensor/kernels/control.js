// Layout of the shared Int32Array through which the main thread (pool.ts) and the worker
// (gemm-worker.js) coordinate a matmul job: one definition, read by both threads.
export const CONTROL = {
  seq: 0,
  claim: 1,
  finished: 2,
  ready: 3,
  fn: 4,
  chunks: 5,
  chunkRows: 6,
  args: 7,
  flags: 16,
};
