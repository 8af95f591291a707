// One training run of the low-precision notebook: an MLP student (f32 master weights, Adam)
// whose Linear layers multiply under a recipe's GEMM precisions, on fresh samples of the task
// each step; the loss is measured in f32 on one fixed held-out set, beside the task's floor.
import { checkInterrupt } from "../../data/interrupt.ts";
import {
  Adam,
  crossEntropy,
  makeRng,
  MLP,
  noGrad,
  setPrecision,
  tensor,
} from "../../tensor/index.ts";
import { recipePrecisions, type Recipe } from "./recipe.ts";
import { lossFloor, makeSoftmaxTask, type SoftmaxTask, type SoftmaxTaskOptions } from "./task.ts";

export interface LowPrecisionRunOptions {
  recipe: Recipe;
  steps?: number;
  batch?: number;
  hidden?: number;
  /** Hidden layers of the student. */
  depth?: number;
  lr?: number;
  /** Cosine decay to 10% of lr over the run (else constant). */
  cosine?: boolean;
  /** Measure the held-out loss every this many steps. */
  every?: number;
  heldOut?: number;
  task?: SoftmaxTaskOptions;
  seed?: number;
}

export interface LowPrecisionRun {
  steps: number[];
  loss: number[];
  final: number;
  floor: number;
  /** Largest held-out loss after the first measurement, relative to it (divergence check). */
  diverged: boolean;
}

/**
 * Trains an MLP student with Adam (f32 master weights) under `recipe`'s GEMM precisions on fresh
 * samples each step (defaults: 600 steps, batch 64); returns the held-out loss curve in f32, its
 * final value, the task's loss floor on the held-out set, and `diverged` (final loss not finite
 * or above the first measurement).
 */
export function trainLowPrecision(options: LowPrecisionRunOptions): LowPrecisionRun {
  const steps = options.steps ?? 600;
  const batch = options.batch ?? 64;
  const hidden = options.hidden ?? 64;
  const depth = options.depth ?? 2;
  const lr = options.lr ?? 3e-3;
  const every = options.every ?? 50;
  const seed = options.seed ?? 1;
  const task: SoftmaxTask = makeSoftmaxTask({ ...options.task, seed: options.task?.seed ?? seed });
  const data = makeRng(seed * 31 + 1);
  const test = task.sample(options.heldOut ?? 2048, makeRng(seed * 31 + 2));
  const nTest = test.y.length;
  const floor = lossFloor(task, test.x, nTest);
  const sizes = [task.input, ...Array<number>(depth).fill(hidden), task.classes];
  const model = new MLP(sizes, makeRng(seed * 31 + 3));
  const { main, last } = recipePrecisions(options.recipe, seed * 31 + 4);
  const lastName = `layers.${sizes.length - 2}`;
  setPrecision(model, main, last === null ? {} : { keep: (n) => n === lastName, kept: last });
  const schedule = (t: number): number =>
    options.cosine === true ? lr * (0.1 + 0.45 * (1 + Math.cos((Math.PI * t) / steps))) : lr;
  const opt = new Adam(model.parameters(), { lr: schedule });
  const xTest = tensor(test.x, [nTest, task.input]);
  const evaluate = (): number =>
    noGrad(() => {
      setPrecision(model, null);
      const l = crossEntropy(model.forward(xTest), test.y).item();
      setPrecision(model, main, last === null ? {} : { keep: (n) => n === lastName, kept: last });
      return l;
    });
  const out: LowPrecisionRun = {
    steps: [0],
    loss: [evaluate()],
    final: NaN,
    floor,
    diverged: false,
  };
  for (let s = 1; s <= steps; s++) {
    checkInterrupt();
    const { x, y } = task.sample(batch, data);
    opt.zeroGrad();
    crossEntropy(model.forward(tensor(x, [batch, task.input])), y).backward();
    opt.step();
    if (s % every === 0 || s === steps) {
      out.steps.push(s);
      out.loss.push(evaluate());
    }
  }
  out.final = out.loss[out.loss.length - 1]!;
  out.diverged = !Number.isFinite(out.final) || out.final > out.loss[0]!;
  return out;
}
