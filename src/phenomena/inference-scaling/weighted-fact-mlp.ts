// The emergence page's FactMlp trained on a corpus in which fact i occurs f_i times: the loss
// weighs each fact's tokens by f_i, the same full-batch gradient as a batch that repeats fact i
// f_i times. Real training data is long-tailed and models answer its rare facts worse (Kandpal et
// al. 2023, "Large Language Models Struggle to Learn Long-Tail Knowledge"), which gives the
// problems varied difficulty. FactMlp trains every fact equally often; this is its weighted twin
// (kept here: the emergence module is not this page's to change).
import { makeRng } from "../../tensor/rng.ts";
import { MLP } from "../../tensor/nn/mlp.ts";
import { multiHot } from "../../tensor/nn/linear.ts";
import { crossEntropy } from "../../tensor/loss.ts";
import { Adam } from "../../tensor/optim/adam.ts";
import { noGrad } from "../../tensor/tensor.ts";
import { tensor } from "../../tensor/creation.ts";
import type { FactSet } from "../emergence/fact-model.ts";
import { InferenceScalingError } from "./errors.ts";

export interface WeightedFactMlpOptions {
  width: number;
  seed: number;
  /** How often each fact occurs in the training corpus (one positive number per fact). */
  frequencies: readonly number[];
  steps?: number;
  lr?: number;
}

export class WeightedFactMlp {
  readonly parameters: number;
  /** Frequency-weighted mean cross-entropy per token at the last step. */
  readonly finalLoss: number;
  private readonly logProbs: Float64Array;
  private readonly length: number;
  private readonly vocab: number;

  constructor(facts: FactSet, options: WeightedFactMlpOptions) {
    const count = facts.answers.length;
    const { frequencies } = options;
    if (frequencies.length !== count || !frequencies.every((f) => f > 0))
      throw new InferenceScalingError(
        "WeightedFactMlp.frequencies",
        `${frequencies.length} frequencies for ${count} facts (min ${Math.min(...frequencies)})`,
        "one positive frequency per fact",
      );
    const length = facts.answers[0]!.length;
    const vocab = facts.vocab;
    this.length = length;
    this.vocab = vocab;
    const rng = makeRng(options.seed);
    const mlp = new MLP([count, options.width, length * vocab], rng, { activation: "relu" });
    this.parameters = mlp.parameters().reduce((s, p) => s + p.size, 0);
    const keys = multiHot(Array.from({ length: count }, (_, i) => i));
    // Rows are [fact, position], as the logits reshaped to [count·L, V]; each row weighs f_i / (L·Σf).
    const targets = facts.answers.flat();
    const total = frequencies.reduce((s, f) => s + f, 0) * length;
    const weights = tensor(
      Float64Array.from(
        { length: count * length },
        (_, r) => frequencies[Math.floor(r / length)]! / total,
      ),
    );
    const optimizer = new Adam(mlp.parameters(), { lr: options.lr ?? 0.01 });
    let loss = NaN;
    for (let step = 0; step < (options.steps ?? 300); step++) {
      optimizer.zeroGrad();
      const logits = mlp.forward(keys).reshape([count * length, vocab]);
      const l = crossEntropy(logits, targets, { reduction: "none" }).mul(weights).sum();
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

  /** Per-token log-probabilities of `answer` for `fact`. */
  tokenLogProbs(fact: number, answer: readonly number[]): number[] {
    return answer.map((token, t) => this.logProbs[(fact * this.length + t) * this.vocab + token]!);
  }
}
