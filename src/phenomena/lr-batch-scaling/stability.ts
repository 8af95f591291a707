// The largest stable learning rate at a batch size, by bisection in log η. The criterion is fixed
// before any measurement: a run of `steps` steps from a fixed initialisation is STABLE when the
// evaluation loss, measured every `every` steps, stays finite and never exceeds `tolerance` times
// its initial value — for SGD a blow-up (tolerance 10: divergence), for Adam, which rarely
// diverges outright but wanders, tolerance 1 (never worse than where it started). Bisection
// presumes stability is monotone in η; batch noise blurs the edge, so every B is run on several seeds.
import { Adam, SGD, mseLoss } from "../../tensor/index.ts";
import { makeRng } from "../../tensor/index.ts";
import { checkInterrupt } from "../../data/interrupt.ts";
import { evalLoss, makeStudent, sampleBatch, type Testbed } from "./testbed.ts";

export type OptimizerKind = "sgd" | "adam";

export interface StabilityOptions {
  steps?: number;
  every?: number;
  /** Unstable once the evaluation loss exceeds this multiple of its initial value. */
  tolerance?: number;
  /** Seed of the student's initialisation and its batch stream. */
  seed?: number;
}

/** Train at (optimizer, lr, B) and say whether the run stayed stable. */
export function isStable(
  testbed: Testbed,
  optimizer: OptimizerKind,
  lr: number,
  B: number,
  options: StabilityOptions = {},
): boolean {
  const { steps = 100, every = 10, tolerance = 1, seed = 1 } = options;
  const model = makeStudent(testbed, seed);
  const params = model.parameters();
  const opt = optimizer === "sgd" ? new SGD(params, { lr }) : new Adam(params, { lr });
  const stream = makeRng(seed + 7919);
  const initial = evalLoss(testbed, model);
  for (let s = 1; s <= steps; s++) {
    checkInterrupt();
    const { x, y } = sampleBatch(testbed, B, stream);
    opt.zeroGrad();
    const loss = mseLoss(model.forward(x), y);
    if (!Number.isFinite(loss.item())) return false;
    loss.backward();
    opt.step();
    if (s % every === 0) {
      const now = evalLoss(testbed, model);
      if (!(now <= tolerance * initial)) return false;
    }
  }
  return true;
}

export interface BisectOptions extends StabilityOptions {
  /** Bracket of η: lo must be stable, hi unstable (both are checked). */
  lo?: number;
  hi?: number;
  /** Halvings of the bracket in log η. */
  iters?: number;
}

/** Largest stable η (geometric midpoint of the final bracket); NaN when lo is already unstable. */
export function maxStableLr(
  testbed: Testbed,
  optimizer: OptimizerKind,
  B: number,
  options: BisectOptions = {},
): number {
  let { lo = 1e-4, hi = 10 } = options;
  const { iters = 8 } = options;
  if (!isStable(testbed, optimizer, lo, B, options)) return NaN;
  if (isStable(testbed, optimizer, hi, B, options)) return hi;
  for (let i = 0; i < iters; i++) {
    const mid = Math.sqrt(lo * hi);
    if (isStable(testbed, optimizer, mid, B, options)) lo = mid;
    else hi = mid;
  }
  return Math.sqrt(lo * hi);
}
