// Adam (Kingma & Ba 2015) and AdamW (Loshchilov & Hutter 2019, decoupled weight decay), as
// torch.optim: m ← β1 m + (1−β1) g; v ← β2 v + (1−β2) g²; w ← w − lr·m̂/(√v̂ + ε).
// Adam adds λw to g (L2); AdamW first shrinks w ← w(1 − lr·λ). ε may be tiny (1e-25, 1e-30
// in Prieto et al. 2025): the moments are kept in the parameter storage (f32 for the half
// formats, as mixed-precision optimisers do), the update is computed in f64 and rounded once.
import { allocate, type Storage } from "../dtype.ts";
import type { Tensor } from "../tensor.ts";
import { Optimizer, type OptimizerOptions } from "./optimizer.ts";

export interface AdamOptions extends OptimizerOptions {
  betas?: readonly [number, number];
  eps?: number;
}

/**
 * Adam as torch.optim.Adam: betas default [0.9, 0.999], eps 1e-8, weight decay (default 0) added
 * to the gradient as L2. Moments kept in the parameter's storage, update computed in f64.
 * @example
 * const net = new MLP([2, 8, 1], makeRng(1));
 * const opt = new Adam(net.parameters(), { lr: 1e-3 });
 * const loss = net.forward(tensor([[1, 2]])).pow(2).mean();
 * opt.zeroGrad();
 * loss.backward();
 * opt.step();
 */
export class Adam extends Optimizer {
  protected readonly beta1: number;
  protected readonly beta2: number;
  protected readonly eps: number;
  protected readonly decoupled: boolean = false;
  private readonly m: Storage[];
  private readonly v: Storage[];

  constructor(params: readonly Tensor[], options: AdamOptions) {
    super(params, options);
    [this.beta1, this.beta2] = options.betas ?? [0.9, 0.999];
    this.eps = options.eps ?? 1e-8;
    this.m = this.params.map((p) => allocate(p.dtype, p.size));
    this.v = this.params.map((p) => allocate(p.dtype, p.size));
  }

  protected update(p: Tensor, index: number, lr: number): void {
    const w = p.data;
    const g = p.grad!;
    const m = this.m[index]!;
    const v = this.v[index]!;
    const { beta1: b1, beta2: b2, eps } = this;
    const t = this.stepCount;
    const stepSize = lr / (1 - b1 ** t);
    const bc2 = Math.sqrt(1 - b2 ** t);
    const wd = this.weightDecay;
    const decay = this.decoupled ? 1 - lr * wd : 1;
    const l2 = this.decoupled ? 0 : wd;
    for (let i = 0; i < w.length; i++) {
      const wi = w[i]! * decay;
      const gi = g[i]! + l2 * w[i]!;
      m[i] = b1 * m[i]! + (1 - b1) * gi;
      v[i] = b2 * v[i]! + (1 - b2) * gi * gi;
      w[i] = wi - (stepSize * m[i]!) / (Math.sqrt(v[i]!) / bc2 + eps);
    }
  }
}

/**
 * AdamW (decoupled weight decay, w ← w(1 − lr·λ) before the Adam step) as torch.optim.AdamW:
 * weight decay default 0.01, betas [0.9, 0.999], eps 1e-8.
 */
export class AdamW extends Adam {
  protected override readonly decoupled: boolean = true;

  constructor(params: readonly Tensor[], options: AdamOptions) {
    super(params, { weightDecay: 0.01, ...options });
  }
}
