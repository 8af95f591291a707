// Stochastic gradient descent with momentum and L2 weight decay, as torch.optim.SGD:
// g ← g + λw; b ← μb + g (b = g on the first step); w ← w − lr·b.
import { allocate, type Storage } from "../dtype.ts";
import type { Tensor } from "../tensor.ts";
import { Optimizer, type OptimizerOptions } from "./optimizer.ts";

export interface SgdOptions extends OptimizerOptions {
  momentum?: number;
}

/**
 * SGD as torch.optim.SGD: g + λw (weight decay default 0), optional momentum (default 0; the
 * buffer starts at the first gradient), w ← w − lr·b.
 * @example
 * const w = tensor([1, -1], { requiresGrad: true });
 * const opt = new SGD([w], { lr: 0.1, momentum: 0.9 });
 * w.mul(w).sum().backward();
 * opt.step();
 */
export class SGD extends Optimizer {
  private readonly momentum: number;
  private readonly buffers: (Storage | null)[];

  constructor(params: readonly Tensor[], options: SgdOptions) {
    super(params, options);
    this.momentum = options.momentum ?? 0;
    this.buffers = this.params.map(() => null);
  }

  protected update(p: Tensor, index: number, lr: number): void {
    const w = p.data;
    const g = p.grad!;
    const mu = this.momentum;
    const wd = this.weightDecay;
    if (mu === 0) {
      for (let i = 0; i < w.length; i++) w[i] -= lr * (g[i]! + wd * w[i]!);
      return;
    }
    let b = this.buffers[index]!;
    const first = b === null;
    if (first) b = this.buffers[index] = allocate(p.dtype, w.length);
    for (let i = 0; i < w.length; i++) {
      const gi = g[i]! + wd * w[i]!;
      b[i] = first ? gi : mu * b[i]! + gi;
      w[i] -= lr * b[i]!;
    }
  }
}
