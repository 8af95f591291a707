// Lookup table of learned vectors (torch.nn.Embedding, default init N(0, 1)).
import type { Dtype } from "../dtype.ts";
import { randn } from "../creation.ts";
import { gather, type Indices } from "../gather.ts";
import type { RandomSource } from "../rng.ts";
import type { Tensor } from "../tensor.ts";
import { Module } from "./module.ts";

/**
 * Lookup table of `count` learned vectors of size `dim`, initialised N(0, std²) (std default 1);
 * `forward(indices, shape)` returns the rows shaped [...shape, dim].
 */
export class Embedding extends Module {
  readonly weight: Tensor;

  constructor(
    readonly count: number,
    readonly dim: number,
    rng: RandomSource,
    options: { dtype?: Dtype; std?: number } = {},
  ) {
    super();
    this.weight = this.param(
      "weight",
      randn([count, dim], rng, { dtype: options.dtype ?? "f32", std: options.std ?? 1 }),
    );
  }

  /** Rows at `indices`, shaped [...shape, dim] (shape defaults to [indices.length]). */
  forward(indices: Indices, shape: readonly number[] = [indices.length]): Tensor {
    return gather(this.weight, indices).reshape([...shape, this.dim]);
  }
}
