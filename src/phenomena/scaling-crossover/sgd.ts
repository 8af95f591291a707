// Online SGD on the random-features task: every step draws a fresh batch (one pass, no data
// reuse, as in LM pretraining), takes a constant-learning-rate step on the squared error
// ½(φ·w − y)², and the test error is recorded at checkpoints. A constant LR reaches a noise
// floor ∝ η (the SGD "temperature" η/B): a high LR gets there first and stays above a low
// one that arrives later — the training-dynamics crossover.
import type { Rng } from "../../data/random.ts";
import { CrossoverError } from "./errors.ts";
import { sampleTask, testError, type FeatureTask, type TestMoments } from "./task.ts";

export interface SgdCurveOptions {
  /** Constant learning rate. */
  lr: number;
  /** Samples per step (default 1). */
  batch?: number;
  /** Steps after which the test error is recorded, increasing; the run stops at the last. */
  checkpoints: readonly number[];
}

const CHUNK = 2048; // samples drawn (features through the matmul kernel) per refill

/** Test error of the SGD iterate at every checkpoint, from w = 0. */
export function sgdCurve(
  task: FeatureTask,
  moments: TestMoments,
  options: SgdCurveOptions,
  random: Rng,
): number[] {
  const { lr, batch = 1, checkpoints } = options;
  if (!(lr > 0)) throw new CrossoverError("sgdCurve({lr})", `lr = ${lr}`, "a learning rate > 0");
  if (!(Number.isInteger(batch) && batch >= 1))
    throw new CrossoverError("sgdCurve({batch})", `batch = ${batch}`, "an integer ≥ 1");
  if (
    checkpoints.some(
      (t, i) => !(Number.isInteger(t) && t > 0 && (i === 0 || t > checkpoints[i - 1]!)),
    )
  )
    throw new CrossoverError(
      "sgdCurve({checkpoints})",
      `[${checkpoints}]`,
      "increasing step counts > 0",
    );
  const { P } = task;
  const w = new Float64Array(P);
  const grad = new Float64Array(P);
  const step = lr / batch;
  const errors: number[] = [];
  let chunk = sampleTask(task, CHUNK, random);
  let used = 0;
  let next = 0;
  const last = checkpoints[checkpoints.length - 1]!;
  for (let t = 1; t <= last; t++) {
    grad.fill(0);
    for (let b = 0; b < batch; b++) {
      if (used === CHUNK) {
        chunk = sampleTask(task, CHUNK, random);
        used = 0;
      }
      const offset = used * P;
      let residual = -chunk.y[used]!;
      for (let p = 0; p < P; p++) residual += chunk.features[offset + p]! * w[p]!;
      for (let p = 0; p < P; p++) grad[p] += residual * chunk.features[offset + p]!;
      used++;
    }
    for (let p = 0; p < P; p++) w[p] -= step * grad[p]!;
    if (t === checkpoints[next]) {
      errors.push(testError(moments, w));
      next++;
    }
  }
  return errors;
}
