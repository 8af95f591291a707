// A gradient-trained counterpart of the hashed fact model: an MLP maps a fact's one-hot key
// through a hidden layer of `width` units to L softmax heads, one per answer position; width is
// the capacity knob (Schaeffer et al. 2023 vary parameters the same way). Exact match is about
// p^L, so long answers (L = 20 on the emergence page) give its sharpness room against token edit
// distance. Trained full-batch with Adam on the tensor engine. Options for the quantization
// model's setting: per-fact `weights` (the expected loss under a data distribution, the
// infinite-data limit of sampling facts) and shared multi-hot `contexts` instead of one-hot keys.
import { makeRng } from "../../tensor/rng.ts";
import { MLP } from "../../tensor/nn/mlp.ts";
import { multiHot, type MultiHot } from "../../tensor/nn/linear.ts";
import { crossEntropy } from "../../tensor/loss.ts";
import { Adam } from "../../tensor/optim/adam.ts";
import { noGrad, type Tensor } from "../../tensor/tensor.ts";
import { tensor } from "../../tensor/creation.ts";
import { EmergenceError } from "./errors.ts";
import type { FactSet } from "./fact-model.ts";

export interface FactMlpOptions {
  width: number;
  steps?: number;
  lr?: number;
  seed: number;
  /** Facts to train on (the first `count`); all by default. */
  count?: number;
  /**
   * Training frequency of each of the `count` facts (any positive scale; normalised): the loss is
   * Σ_i w_i·CE_i / Σ_i w_i. Equal weights (the plain mean) by default.
   */
  weights?: readonly number[];
  /**
   * How a fact is presented: by default a one-hot key (each fact owns a row of the first layer);
   * with `contexts`, fact i is the multi-hot of `contexts.codes[i]` (the same number of active
   * units for every fact) over `contexts.inputs` units, so all parameters are shared by the facts.
   */
  contexts?: { inputs: number; codes: readonly (readonly number[])[] };
}

/**
 * A gradient-trained fact model: an MLP from a fact's one-hot key (or shared multi-hot `contexts`)
 * through `width` ReLU units to one softmax head per answer position, trained full-batch with
 * Adam (lr 0.01, 300 steps by default) on the first `count` facts, optionally weighted. Exposes
 * `parameters`, `finalLoss`, per-token log-probabilities and greedy answers.
 */
export class FactMlp {
  readonly parameters: number;
  readonly finalLoss: number;
  private readonly logProbs: Float64Array;
  private readonly length: number;
  private readonly vocab: number;

  constructor(facts: FactSet, options: FactMlpOptions) {
    const count = options.count ?? facts.answers.length;
    const length = facts.answers[0]!.length;
    const vocab = facts.vocab;
    this.length = length;
    this.vocab = vocab;
    const rng = makeRng(options.seed);
    const inputs = options.contexts?.inputs ?? count;
    const mlp = new MLP([inputs, options.width, length * vocab], rng, { activation: "relu" });
    this.parameters = mlp.parameters().reduce((s, p) => s + p.size, 0);
    const keys = options.contexts
      ? contextKeys(options.contexts.codes, count)
      : multiHot(Array.from({ length: count }, (_, i) => i));
    // Row-major [fact, position] targets match logits reshaped to [count·L, V]. Full batch with
    // equal weights: unlike the count model, every fact is seen equally often.
    const targets = facts.answers.slice(0, count).flat();
    const tokenWeights = options.weights && weightTensor(options.weights, count, length);
    const optimizer = new Adam(mlp.parameters(), { lr: options.lr ?? 0.01 });
    let loss = NaN;
    for (let step = 0; step < (options.steps ?? 300); step++) {
      optimizer.zeroGrad();
      const logits = mlp.forward(keys).reshape([count * length, vocab]);
      const l = tokenWeights
        ? crossEntropy(logits, targets, { reduction: "none" }).mul(tokenWeights).sum()
        : crossEntropy(logits, targets);
      l.backward();
      optimizer.step();
      loss = l.item();
    }
    this.finalLoss = loss;
    this.logProbs = noGrad(
      () =>
        new Float64Array(
          mlp
            .forward(keys)
            .reshape([count * length, vocab])
            .logSoftmax(-1)
            .toArray(),
        ),
    );
  }

  /** log p(token at `position` of `fact`'s answer). */
  logProb(fact: number, position: number, token: number): number {
    return this.logProbs[(fact * this.length + position) * this.vocab + token]!;
  }

  /** Per-token log-probabilities of `answer` for `fact`. */
  tokenLogProbs(fact: number, answer: readonly number[]): number[] {
    return answer.map((token, t) => this.logProbs[(fact * this.length + t) * this.vocab + token]!);
  }

  greedy(fact: number): number[] {
    return Array.from({ length: this.length }, (_, t) => {
      const base = (fact * this.length + t) * this.vocab;
      let best = 0;
      for (let v = 1; v < this.vocab; v++)
        if (this.logProbs[base + v]! > this.logProbs[base + best]!) best = v;
      return best;
    });
  }
}

/** The multi-hot batch of the first `count` facts' context codes (list j = every fact's j-th unit). */
function contextKeys(codes: readonly (readonly number[])[], count: number): MultiHot {
  const active = codes[0]?.length ?? 0;
  if (codes.length < count || active === 0 || codes.some((c) => c.length !== active))
    throw new EmergenceError(
      "FactMlp",
      `contexts.codes has ${codes.length} codes`,
      `≥ ${count}, each with the same number ≥ 1 of active units`,
    );
  return multiHot(
    ...Array.from({ length: active }, (_, j) => codes.slice(0, count).map((c) => c[j]!)),
  );
}

/** Each fact's normalised weight, spread over its `length` tokens (row-major like the targets). */
function weightTensor(weights: readonly number[], count: number, length: number): Tensor {
  if (weights.length !== count || !weights.every((w) => w > 0 && Number.isFinite(w)))
    throw new EmergenceError(
      "FactMlp",
      `weights has ${weights.length} entries`,
      `${count} positive finite numbers, one per fact`,
    );
  const total = weights.reduce((a, b) => a + b, 0);
  const data = new Float64Array(count * length);
  weights.forEach((w, i) => data.fill(w / (total * length), i * length, (i + 1) * length));
  return tensor(data, [count * length]);
}
