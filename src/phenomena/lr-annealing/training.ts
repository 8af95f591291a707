// The testbed for the LR-annealing law (Tissue et al. 2024): a 16 → 64 tanh student learns a
// fixed random tanh teacher from fresh noisy samples every step, once per learning-rate schedule.
// The law presumes a loss that keeps falling over the whole run (LLM pre-training): so the
// teacher is wider than the student (256 units) with output weights falling as a power law
// k^−β, leaving ever weaker features to learn; the optimiser is Adam with warmup, as in the
// paper. Loss is measured on one fixed held-out set, so curves compare point for point.
import { checkInterrupt } from "../../data/interrupt.ts";
import { makeRng } from "../../tensor/index.ts";
import type { Rng, Schedule } from "../../tensor/index.ts";
import {
  adamState,
  forward,
  initTanhNet,
  meanSquaredError,
  mseGradient,
  offsets,
  step,
} from "./mlp.ts";
import type { TanhNet } from "./mlp.ts";

export interface AnnealingRunOptions {
  steps?: number;
  batch?: number;
  /** Measure the held-out loss every this many steps. */
  every?: number;
  /** Label-noise standard deviation (its square is the irreducible loss). */
  noise?: number;
  /** Input dimension and student width. */
  input?: number;
  hidden?: number;
  /** Teacher width and the power-law decay β of its output weights (|a_k| ∝ k^−β). */
  teacherWidth?: number;
  teacherDecay?: number;
  /** Scale of the teacher's input weights (pre-activations ~ N(0, scale²)). */
  teacherScale?: number;
  optimizer?: "sgd" | "adam";
  /** Runs averaged per schedule (student inits and sample streams differ, the teacher not). */
  repeats?: number;
  /** Held-out samples. */
  heldOut?: number;
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

const defaults: Required<AnnealingRunOptions> = {
  steps: 3000,
  batch: 32,
  every: 25,
  noise: 0.5,
  input: 16,
  hidden: 64,
  teacherWidth: 256,
  teacherDecay: 1,
  teacherScale: 2,
  optimizer: "adam",
  repeats: 4,
  heldOut: 1024,
  seed: 1,
};

function gaussianInputs(count: number, dim: number, random: Rng): Float64Array {
  const xs = new Float64Array(count * dim);
  for (let i = 0; i < xs.length; i++) xs[i] = random.normal();
  return xs;
}

/**
 * The teacher: input weights N(0, scale²/d), no biases, output weights ±k^−β in order of k,
 * rescaled so the clean target has unit variance (measured on 4,096 inputs).
 */
export function makeTeacher(o: Required<AnnealingRunOptions>): TanhNet {
  const random = makeRng(o.seed);
  const net = initTanhNet(o.input, o.teacherWidth, random);
  const at = offsets(net);
  const p = net.params;
  p.fill(0);
  for (let i = at.w1; i < at.b1; i++)
    p[i] = (random.normal() * o.teacherScale) / Math.sqrt(o.input);
  for (let k = 0; k < o.teacherWidth; k++)
    p[at.w2 + k] = (random.uniform() < 0.5 ? -1 : 1) * (k + 1) ** -o.teacherDecay;
  const probe = 4096;
  const out = new Float64Array(probe);
  forward(net, gaussianInputs(probe, o.input, makeRng(o.seed + 7)), probe, out);
  const mean = out.reduce((a, b) => a + b, 0) / probe;
  const variance = out.reduce((a, b) => a + (b - mean) ** 2, 0) / probe;
  for (let k = 0; k < o.teacherWidth; k++) p[at.w2 + k]! /= Math.sqrt(variance);
  return net;
}

function noisyTargets(
  teacher: TanhNet,
  xs: Float64Array,
  noise: number,
  random: Rng,
): Float64Array {
  const ys = new Float64Array(xs.length / teacher.input);
  forward(teacher, xs, ys.length, ys);
  for (let i = 0; i < ys.length; i++) ys[i]! += noise * random.normal();
  return ys;
}

/**
 * Train `repeats` students under `schedule` and return their mean held-out loss curve. The law
 * describes the expected loss; one run fluctuates around it by several percent at a high
 * learning rate, so curves are averaged (Tissue et al. fit smoothed LLM curves).
 */
export function trainWithSchedule(
  name: string,
  schedule: Schedule,
  options: AnnealingRunOptions = {},
): LossCurve {
  const o = { ...defaults, ...options };
  const teacher = makeTeacher(o);
  const heldOutRandom = makeRng(o.seed + 1);
  const heldX = gaussianInputs(o.heldOut, o.input, heldOutRandom);
  const heldY = noisyTargets(teacher, heldX, o.noise, heldOutRandom);
  const lrs = Array.from({ length: o.steps }, (_, s) => schedule(s));
  const at: number[] = [];
  const total = new Float64Array(Math.floor(o.steps / o.every));
  for (let r = 0; r < o.repeats; r++) {
    const student = initTanhNet(o.input, o.hidden, makeRng(o.seed + 100 + r));
    const grad = new Float64Array(student.params.length);
    const adam = o.optimizer === "adam" ? adamState(grad.length, 0.9, 0.95) : undefined;
    const scratch = {
      out: new Float64Array(o.batch),
      hidden: new Float64Array(o.batch * o.hidden),
    };
    const stream = makeRng(o.seed + 1000 + r);
    for (let s = 0; s < o.steps; s++) {
      checkInterrupt();
      const xs = gaussianInputs(o.batch, o.input, stream);
      mseGradient(student, xs, noisyTargets(teacher, xs, o.noise, stream), grad, scratch);
      step(student.params, grad, lrs[s]!, adam);
      if ((s + 1) % o.every === 0) {
        total[(s + 1) / o.every - 1]! += meanSquaredError(student, heldX, heldY);
        if (r === 0) at.push(s + 1);
      }
    }
  }
  return { name, lrs, steps: at, loss: Array.from(total, (v) => v / o.repeats) };
}
