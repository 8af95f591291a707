// Multi-layer perceptron: Linear layers with an activation between them (none after the
// last). The first layer accepts a MultiHot batch, so one-hot inputs cost a gather.
import type { Dtype } from "../dtype.ts";
import type { RandomSource } from "../rng.ts";
import type { Tensor } from "../tensor.ts";
import { Linear, type MultiHot } from "./linear.ts";
import { Module } from "./module.ts";

export type Activation = "relu" | "tanh" | "gelu";

export interface MlpOptions {
  activation?: Activation;
  bias?: boolean;
  dtype?: Dtype;
}

/**
 * Multi-layer perceptron: Linear layers of `sizes` = [in, hidden…, out] with `activation`
 * ("relu" default, "tanh", "gelu") between them and none after the last. The first layer accepts a
 * MultiHot batch. Options `bias` and `dtype` go to every layer.
 * @example
 * const net = new MLP([4, 16, 2], makeRng(1), { activation: "tanh" });
 * const logits = net.forward(zeros([8, 4])); // [8, 2]
 */
export class MLP extends Module {
  readonly layers: Linear[];
  readonly activation: Activation;

  /** sizes = [in, hidden…, out], e.g. [2p, 200, 200, p]. */
  constructor(
    readonly sizes: readonly number[],
    rng: RandomSource,
    options: MlpOptions = {},
  ) {
    super();
    this.activation = options.activation ?? "relu";
    this.layers = sizes
      .slice(1)
      .map((out, i) => this.child(`layers.${i}`, new Linear(sizes[i]!, out, rng, options)));
  }

  forward(x: Tensor | MultiHot): Tensor {
    let h = this.layers[0]!.forward(x);
    for (const layer of this.layers.slice(1)) h = layer.forward(h[this.activation]());
    return h;
  }
}
