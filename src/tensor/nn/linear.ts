// Fully connected layer y = x·W (+ b) with W stored [in, out] (so no transpose on the hot
// path) and PyTorch's default init: kaiming_uniform(a = √5) gives U(±1/√fan_in), the bias too.
// A `MultiHot` input (indices of the active units) is multiplied as a gather of rows.
import type { Dtype } from "../dtype.ts";
import { gatherSum, type Indices } from "../gather.ts";
import { uniform } from "../creation.ts";
import type { RandomSource } from "../rng.ts";
import type { Tensor } from "../tensor.ts";
import { quantizedMatmul, type MatmulPrecision } from "../quantmatmul.ts";
import { Module } from "./module.ts";

/** A batch of multi-hot rows: row i has a 1 at indices[j][i] for every list j. */
export interface MultiHot {
  readonly kind: "multi-hot";
  readonly indices: readonly Indices[];
}

/** E.g. grokking's concatenated one-hot (a, b): multiHot(a, b.map((v) => v + p)). */
export function multiHot(...indices: Indices[]): MultiHot {
  return { kind: "multi-hot", indices };
}

export interface LinearOptions {
  bias?: boolean;
  dtype?: Dtype;
}

/**
 * Fully connected layer y = x·W + b with W stored [in, out], initialised as PyTorch does:
 * W and b ~ U(±1/√in) drawn from `rng` (`bias: false` drops b; dtype default f32). `forward`
 * takes [..., in] or a MultiHot batch and returns [..., out].
 * @example
 * const layer = new Linear(3, 2, makeRng(1));
 * const y = layer.forward(tensor([[1, 0, -1]])); // shape [1, 2]
 */
export class Linear extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor | null;
  /** Low-precision GEMMs (FP8/FP4 training); null multiplies in the weight's dtype. */
  precision: MatmulPrecision | null = null;

  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    rng: RandomSource,
    options: LinearOptions = {},
  ) {
    super();
    const bound = 1 / Math.sqrt(inFeatures);
    const dtype = options.dtype ?? "f32";
    this.weight = this.param(
      "weight",
      uniform([inFeatures, outFeatures], -bound, bound, rng, { dtype }),
    );
    this.bias =
      options.bias === false
        ? null
        : this.param("bias", uniform([outFeatures], -bound, bound, rng, { dtype }));
  }

  forward(x: Tensor | MultiHot): Tensor {
    const y =
      "kind" in x
        ? gatherSum(this.weight, x.indices)
        : this.precision === null
          ? x.matmul(this.weight)
          : quantizedMatmul(x, this.weight, this.precision);
    return this.bias === null ? y : y.add(this.bias);
  }
}
