// One training run of the toy model with the authors' recipe (exp/exp-10.py): fresh batches
// every step, AdamW with signed decay on W only, lr 1e-2 with a 10% linear warm-up and a cosine
// decay to 5% of it; the loss is then measured on fresh samples.
import { makeRng } from "../../tensor/rng.ts";
import { cosineLr } from "../../tensor/optim/schedule.ts";
import { SignedDecayAdamW } from "./decay.ts";
import { featureProbabilities, sampleBatch, trivialLoss } from "./features.ts";
import { batchLoss, lossAndGradient, makeToyModel, representedShare } from "./toy-model.ts";

export interface ToyRunOptions {
  /** Features. */
  n: number;
  /** Width (hidden dimensions). */
  m: number;
  /** Frequency exponent, p_i ∝ i^−α. */
  alpha: number;
  /** Signed weight decay: < 0 strong superposition, > 0 weak. */
  gamma: number;
  steps: number;
  batch: number;
  lr?: number;
  /** Fresh samples the final loss is measured on. */
  evalSamples?: number;
  seed: number;
}

export interface ToyRun {
  n: number;
  m: number;
  alpha: number;
  gamma: number;
  /** Test loss on fresh samples. */
  loss: number;
  /** Loss of the best input-blind model, Σ Var x_i / n. */
  trivial: number;
  /** Share of features with ‖W_i‖ > ½. */
  represented: number;
}

/**
 * One toy-model run (Liu, Liu & Gore 2025): n features with p_i ∝ i^−α in width m, fresh batches
 * each step, SignedDecayAdamW (γ on W) at lr 1e-2 with 10% warm-up and cosine decay to 5%; returns
 * the loss on `evalSamples` (16384) fresh samples, the input-blind baseline and the share of
 * features with ‖W_i‖ > ½.
 */
export function trainToyModel(options: ToyRunOptions): ToyRun {
  const { n, m, alpha, gamma, steps, batch, lr = 1e-2, evalSamples = 16384, seed } = options;
  const random = makeRng(seed);
  const p = featureProbabilities(n, alpha);
  const model = makeToyModel(n, m, random);
  const optimizer = new SignedDecayAdamW([model.W, model.b], {
    lr: cosineLr({ lr, steps, warmup: Math.max(1, Math.round(steps / 10)), minLr: 0.05 * lr }),
    gamma,
    decayed: [model.W],
  });
  for (let t = 0; t < steps; t++) {
    lossAndGradient(model, sampleBatch(p, batch, random));
    optimizer.step();
  }
  const chunk = 4096;
  let total = 0;
  let seen = 0;
  while (seen < evalSamples) {
    const B = Math.min(chunk, evalSamples - seen);
    total += batchLoss(model, sampleBatch(p, B, random)) * B;
    seen += B;
  }
  return {
    n,
    m,
    alpha,
    gamma,
    loss: total / seen,
    trivial: trivialLoss(p),
    represented: representedShare(model),
  };
}
