// The mini-batch Hessian's top eigenvalue (Granziol et al. 2022, §3: the batch Hessian is the
// full Hessian plus a random-matrix perturbation whose spectral edge grows as the batch shrinks).
// Measured with the tensor engine's `sharpness` (power iteration on Hessian-vector products) at
// the student's initialisation, where the stability runs start.
import { makeRng, mseLoss, sharpness } from "../../tensor/index.ts";
import type { MLP } from "../../tensor/index.ts";
import { sampleBatch, type Testbed } from "./testbed.ts";

export interface BatchSharpness {
  B: number;
  /** λ_max of each sampled batch's Hessian. */
  values: number[];
  mean: number;
}

/** λ_max of the loss Hessian on `batches` fresh batches of B samples, at the model's current weights. */
export function batchSharpness(
  testbed: Testbed,
  model: MLP,
  B: number,
  options: { batches?: number; seed?: number; iters?: number } = {},
): BatchSharpness {
  const { batches = 4, seed = 1, iters = 30 } = options;
  const random = makeRng(seed);
  const params = model.parameters();
  const values = Array.from({ length: batches }, (_, b) => {
    const { x, y } = sampleBatch(testbed, B, random);
    return sharpness(() => mseLoss(model.forward(x), y), params, { iters, seed: seed + b }).value;
  });
  return { B, values, mean: values.reduce((s, v) => s + v, 0) / values.length };
}
