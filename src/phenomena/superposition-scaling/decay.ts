// The authors' AdamW with signed weight decay (liuyz0/SuperpositionScaling, exp/adamw.py):
// γ ≥ 0 is ordinary decoupled decay, W ← W(1 − γ·lr); γ < 0 is not weight growth but a pull of
// every row towards unit norm, W_i ← W_i + lr·γ·W_i(1 − 1/(‖W_i‖ + ε)), which shrinks rows longer
// than 1 and lengthens shorter ones. Strong superposition (γ < 0) keeps every feature
// represented; weak superposition (γ > 0) lets rare features' rows decay away.
import { Adam, type AdamOptions } from "../../tensor/optim/adam.ts";
import type { Tensor } from "../../tensor/tensor.ts";
import { SuperpositionError } from "./errors.ts";

export interface SignedDecayOptions extends Omit<AdamOptions, "weightDecay"> {
  /** γ of the authors' code, applied to the matrices listed in `decayed`. */
  gamma: number;
  /** Two-dimensional parameters (rows = features) that take the decay; others take none. */
  decayed: readonly Tensor[];
}

/**
 * AdamW with the signed weight decay γ of Liu, Liu & Gore 2025 on the matrices in `decayed`:
 * γ ≥ 0 decays W ← W(1 − γ·lr); γ < 0 pulls every row towards unit norm. Throws
 * SuperpositionError for a decayed parameter that is not 2-D.
 */
export class SignedDecayAdamW extends Adam {
  private readonly gamma: number;
  private readonly decayed: Set<Tensor>;

  constructor(params: readonly Tensor[], options: SignedDecayOptions) {
    super(params, { ...options, weightDecay: 0 });
    this.gamma = options.gamma;
    this.decayed = new Set(options.decayed);
    for (const p of this.decayed) {
      if (p.shape.length !== 2)
        throw new SuperpositionError(
          "SignedDecayAdamW({decayed})",
          `a decayed parameter of shape [${p.shape}]`,
          "matrices whose rows are features",
        );
    }
  }

  protected override update(p: Tensor, index: number, lr: number): void {
    if (this.decayed.has(p))
      applySignedDecay(p.data, p.shape[0]!, p.shape[1]!, this.gamma, lr, this.eps);
    super.update(p, index, lr);
  }
}

/** One step of the signed decay on a row-major rows × cols matrix, in place. */
export function applySignedDecay(
  W: Float32Array | Float64Array,
  rows: number,
  cols: number,
  gamma: number,
  lr: number,
  eps = 1e-8,
): void {
  if (gamma >= 0) {
    const f = 1 - gamma * lr;
    for (let i = 0; i < W.length; i++) W[i] *= f;
    return;
  }
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += W[i * cols + j]! ** 2;
    const f = 1 + lr * gamma * (1 - 1 / (Math.sqrt(s) + eps));
    for (let j = 0; j < cols; j++) W[i * cols + j] *= f;
  }
}
