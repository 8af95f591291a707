// LayerNorm module: learned gain (ones) and bias (zeros) over the last axis; `bias: false`
// keeps the gain only (as qk-layernorm in bias-free models, Wortsman et al. 2023 §2.1).
import { ones, zeros } from "../creation.ts";
import type { Dtype } from "../dtype.ts";
import { layerNorm } from "../norm.ts";
import type { Tensor } from "../tensor.ts";
import { Module } from "./module.ts";

/**
 * LayerNorm over the last axis of size `dim`, with learned gain (ones) and bias (zeros; none with
 * `bias: false`); eps default 1e-5.
 */
export class LayerNorm extends Module {
  readonly gamma: Tensor;
  readonly beta: Tensor | null;
  readonly eps: number;

  constructor(
    readonly dim: number,
    options: { dtype?: Dtype; eps?: number; bias?: boolean } = {},
  ) {
    super();
    const dtype = options.dtype ?? "f32";
    this.gamma = this.param("gamma", ones([dim], { dtype }));
    this.beta = options.bias === false ? null : this.param("beta", zeros([dim], { dtype }));
    this.eps = options.eps ?? 1e-5;
  }

  forward(x: Tensor): Tensor {
    return layerNorm(x, this.gamma, this.beta ?? undefined, this.eps);
  }
}
