// One training run of the edge-of-stability testbed: full-batch gradient descent (or SGD on
// mini-batches reshuffled each epoch) at a constant step size η, recording the full-batch loss
// at every step (GD) or checkpoint (SGD) and the sharpness λ_max at checkpoints, by power
// iteration on Hessian-vector products warm-started from the previous checkpoint's vector.
import { makeRng, noGrad, sharpness } from "../../tensor/index.ts";
import { halfSquaredLoss, tanhMlp, type TanhMlp } from "./network.ts";
import type { TeacherData } from "./teacher.ts";

export interface DescentOptions {
  eta: number;
  steps: number;
  /** Mini-batch size; omitted (or ≥ n) for full-batch gradient descent. */
  batch?: number;
  /** Measure λ_max every this many steps (and at the end). */
  every: number;
  /** Student sizes, e.g. [20, 100, 100, 10]. */
  sizes: readonly number[];
  /** Seed of the initialisation and of the mini-batch order. */
  seed: number;
  /** Power-iteration products at the first checkpoint and at later (warm) ones. */
  coldIters?: number;
  warmIters?: number;
}

export interface SharpnessCheckpoint {
  step: number;
  /** Full-batch loss at this step. */
  loss: number;
  sharpness: number;
}

export interface DescentRun {
  eta: number;
  /** n for full-batch GD. */
  batch: number;
  /** Full-batch loss before each step (GD: every step; SGD: at checkpoints only). */
  losses: number[];
  checkpoints: SharpnessCheckpoint[];
  /** Hessian-vector products spent on sharpness. */
  hvps: number;
}

/**
 * One edge-of-stability training run: the tanh MLP of `sizes` (seeded by `seed`) trained on
 * `data` with the ½-squared loss by full-batch gradient descent at constant step `eta` (or SGD on
 * reshuffled mini-batches of `batch`) for `steps` steps, recording the full-batch loss (every step
 * for GD) and λ_max every `every` steps and at the end, by power iteration warm-started from the
 * previous checkpoint.
 */
export function runDescent(data: TeacherData, options: DescentOptions): DescentRun {
  const { eta, steps, every, seed } = options;
  const n = data.x.shape[0]!;
  const batch = Math.min(options.batch ?? n, n);
  const net = tanhMlp(options.sizes, seed);
  const order = makeRng(seed + 1000);
  const fullLoss = () => halfSquaredLoss(net, data.x, data.y);
  const losses: number[] = [];
  const checkpoints: SharpnessCheckpoint[] = [];
  let vector: Float64Array[] | undefined;
  let hvps = 0;
  let perm = order.permutation(n);
  let cursor = 0;
  const measure = (step: number, loss: number): void => {
    const s = sharpness(fullLoss, net.params, {
      // A cold start converges slowly from a random vector: iterate it tighter.
      iters: vector === undefined ? (options.coldIters ?? 50) : (options.warmIters ?? 10),
      tol: vector === undefined ? 1e-5 : 1e-3,
      v0: vector,
      seed,
    });
    vector = s.vector;
    hvps += s.iterations;
    checkpoints.push({ step, loss, sharpness: s.value });
  };
  for (let step = 0; step <= steps; step++) {
    const atCheckpoint = step % every === 0 || step === steps;
    let indices: Int32Array | undefined;
    if (batch < n) {
      if (cursor + batch > n) [perm, cursor] = [order.permutation(n), 0];
      indices = perm.subarray(cursor, cursor + batch);
      cursor += batch;
    }
    if (batch === n) {
      for (const p of net.params) p.grad = null;
      const loss = fullLoss();
      losses.push(loss.item());
      if (atCheckpoint) measure(step, loss.item());
      if (step === steps) break;
      loss.backward();
    } else {
      if (atCheckpoint) {
        const loss = noGrad(fullLoss).item();
        losses.push(loss);
        measure(step, loss);
      }
      if (step === steps) break;
      for (const p of net.params) p.grad = null;
      halfSquaredLoss(net, data.x, data.y, indices).backward();
    }
    descend(net, eta);
  }
  return { eta, batch, losses, checkpoints, hvps };
}

function descend(net: TanhMlp, eta: number): void {
  for (const p of net.params) {
    const g = p.grad!;
    for (let i = 0; i < p.size; i++) p.data[i] -= eta * g[i]!;
  }
}
