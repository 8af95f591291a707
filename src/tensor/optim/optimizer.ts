// Shared shell of the optimisers: parameters, the learning rate (a number or a Schedule of
// the step), optional ⊥Grad before the update, and zeroGrad. Each subclass writes one
// elementwise update rule; updates are computed in f64 and stored in the parameter's dtype.
import { checkInterrupt } from "../../data/interrupt.ts";
import { isHalf, roundInPlace } from "../dtype.ts";
import type { Tensor } from "../tensor.ts";
import { projectOutWeights } from "./perpgrad.ts";
import type { Schedule } from "./schedule.ts";

export interface OptimizerOptions {
  lr: number | Schedule;
  weightDecay?: number;
  /** Apply ⊥Grad to each parameter's gradient before the update. */
  perpGrad?: boolean;
}

/**
 * Base of the optimisers: the parameters, a learning rate (number or Schedule of the step count),
 * weight decay (default 0) and optional ⊥Grad. `step()` updates every parameter that has a
 * gradient (in f64, stored in its dtype); `zeroGrad()` clears the gradients.
 */
export abstract class Optimizer {
  readonly params: Tensor[];
  /** Steps taken so far; the next step uses lr(stepCount). */
  stepCount = 0;
  protected readonly schedule: Schedule;
  protected readonly weightDecay: number;
  protected readonly perpGrad: boolean;

  constructor(params: readonly Tensor[], options: OptimizerOptions) {
    this.params = [...params];
    const lr = options.lr;
    this.schedule = typeof lr === "number" ? () => lr : lr;
    this.weightDecay = options.weightDecay ?? 0;
    this.perpGrad = options.perpGrad ?? false;
  }

  /** Learning rate of the next step. */
  get lr(): number {
    return this.schedule(this.stepCount);
  }

  zeroGrad(): void {
    for (const p of this.params) p.grad = null;
  }

  step(): void {
    checkInterrupt(); // before any parameter changes: an interrupted run stays consistent
    const lr = this.lr;
    this.stepCount++;
    this.params.forEach((p, i) => {
      if (p.grad === null) return;
      if (this.perpGrad) projectOutWeights(p);
      this.update(p, i, lr);
      if (isHalf(p.dtype)) roundInPlace(p.data, p.dtype);
    });
  }

  protected abstract update(p: Tensor, index: number, lr: number): void;
}
