// A gradient-trained counterpart of the hashed fact model: an MLP maps a fact's one-hot key
// through a hidden layer of `width` units to L softmax heads, one per answer position; width is
// the capacity knob (Schaeffer et al. 2023 vary parameters the same way). Exact match is about
// p^L, so long answers (L = 20 on the emergence page) give its sharpness room against token edit
// distance. Trained full-batch with Adam on the tensor engine.
import { makeRng } from "../../tensor/rng.ts";
import { MLP } from "../../tensor/nn/mlp.ts";
import { multiHot } from "../../tensor/nn/linear.ts";
import { crossEntropy } from "../../tensor/loss.ts";
import { Adam } from "../../tensor/optim/adam.ts";
import { noGrad } from "../../tensor/tensor.ts";
import type { FactSet } from "./fact-model.ts";

export interface FactMlpOptions {
  width: number;
  steps?: number;
  lr?: number;
  seed: number;
  /** Facts to train on (the first `count`); all by default. */
  count?: number;
}

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
    const mlp = new MLP([count, options.width, length * vocab], rng, { activation: "relu" });
    this.parameters = mlp.parameters().reduce((s, p) => s + p.size, 0);
    const keys = multiHot(Array.from({ length: count }, (_, i) => i));
    // Row-major [fact, position] targets match logits reshaped to [count·L, V]. Full batch with
    // equal weights: unlike the count model, every fact is seen equally often.
    const targets = facts.answers.slice(0, count).flat();
    const optimizer = new Adam(mlp.parameters(), { lr: options.lr ?? 0.01 });
    let loss = NaN;
    for (let step = 0; step < (options.steps ?? 300); step++) {
      optimizer.zeroGrad();
      const logits = mlp.forward(keys).reshape([count * length, vocab]);
      const l = crossEntropy(logits, targets);
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
