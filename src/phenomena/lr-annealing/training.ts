// The testbed for the LR-annealing law (Tissue et al. 2024): a teacher-student tanh MLP
// (16 → 64 → 1 student, a fixed random 16 → 32 → 1 teacher) trained by plain SGD on fresh
// noisy samples every step, with the tensor engine, once per learning-rate schedule. The loss
// is measured on a fixed held-out set, so every schedule's curve is comparable point for point.
// PHENOMENA.md: a noisy quadratic is a poor testbed (the law is trivially exact or fails).
import { makeRng, MLP, SGD, tensor, noGrad } from "../../tensor/index.ts";
import type { Schedule } from "../../tensor/index.ts";
import type { Tensor } from "../../tensor/index.ts";

export interface AnnealingRunOptions {
  steps?: number;
  batch?: number;
  /** Measure the held-out loss every this many steps. */
  every?: number;
  /** Label-noise standard deviation. */
  noise?: number;
  /** Teacher weights are the default init times this (larger = more non-linear target). */
  teacherScale?: number;
  /** Runs averaged per schedule (student inits and sample streams differ, the teacher not). */
  repeats?: number;
  /** Same seed → same teacher, student initialisations and sample streams for every schedule. */
  seed?: number;
}

export interface LossCurve {
  name: string;
  /** Learning rate used at each step (length = steps). */
  lrs: number[];
  /** Steps (1-based count of updates done) at which the loss was measured. */
  steps: number[];
  loss: number[];
}

const defaults = {
  steps: 3000,
  batch: 16,
  every: 25,
  noise: 0.1,
  teacherScale: 1,
  repeats: 4,
  seed: 1,
};

const IN = 16;
const HIDDEN = 64;

function teacherOf(seed: number, scale: number): MLP {
  const teacher = new MLP([IN, 32, 1], makeRng(seed), { activation: "tanh", dtype: "f64" });
  for (const p of teacher.parameters()) for (let i = 0; i < p.data.length; i++) p.data[i]! *= scale;
  return teacher;
}

function batchOf(
  teacher: MLP,
  size: number,
  noise: number,
  random: ReturnType<typeof makeRng>,
): { x: Tensor; y: Tensor } {
  const xs = new Float64Array(size * IN);
  for (let i = 0; i < xs.length; i++) xs[i] = random.normal();
  const x = tensor(xs, [size, IN], { dtype: "f64" });
  const clean = noGrad(() => teacher.forward(x));
  const ys = Float64Array.from(clean.data, (v) => v + noise * random.normal());
  return { x, y: tensor(ys, [size, 1], { dtype: "f64" }) };
}

/**
 * Train `repeats` students under `schedule` and return their mean held-out loss curve. The law
 * describes the expected loss; one SGD run fluctuates around it by several percent at a high
 * constant learning rate, so curves are averaged (Tissue et al. fit smoothed LLM curves).
 */
export function trainWithSchedule(
  name: string,
  schedule: Schedule,
  options: AnnealingRunOptions = {},
): LossCurve {
  const { steps, batch, every, noise, teacherScale, repeats, seed } = { ...defaults, ...options };
  const teacher = teacherOf(seed, teacherScale);
  const heldOut = batchOf(teacher, 2048, noise, makeRng(seed + 1));
  const lrs = Array.from({ length: steps }, (_, step) => schedule(step));
  const at: number[] = [];
  const total = new Float64Array(Math.floor(steps / every));
  for (let r = 0; r < repeats; r++) {
    const student = new MLP([IN, HIDDEN, 1], makeRng(seed + 100 + r), {
      activation: "tanh",
      dtype: "f64",
    });
    const optimizer = new SGD(student.parameters(), { lr: schedule });
    const stream = makeRng(seed + 1000 + r);
    for (let step = 0; step < steps; step++) {
      const { x, y } = batchOf(teacher, batch, noise, stream);
      optimizer.zeroGrad();
      const error = student.forward(x).sub(y);
      error.mul(error).mean().backward();
      optimizer.step();
      if ((step + 1) % every === 0) {
        const k = (step + 1) / every - 1;
        total[k] += noGrad(() => {
          const e = student.forward(heldOut.x).sub(heldOut.y);
          return e.mul(e).mean().item();
        });
        if (r === 0) at.push(step + 1);
      }
    }
  }
  return { name, lrs, steps: at, loss: Array.from(total, (v) => v / repeats) };
}
