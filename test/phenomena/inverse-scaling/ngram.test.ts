import { describe, expect, it } from "vitest";
import {
  WittenBellFamily,
  buildQuoteCorpus,
  scoreOrder,
} from "../../../src/phenomena/inverse-scaling/index.ts";

describe("WittenBellFamily", () => {
  // Token 9 is BOS (context only). Sentences: BOS 0 1, BOS 0 1, BOS 0 2.
  const model = new WittenBellFamily(
    [
      [9, 0, 1],
      [9, 0, 1],
      [9, 0, 2],
    ],
    3,
    10,
  );

  it("matches the hand-computed interpolated estimate", () => {
    // unigram: counts 0:3, 1:2, 2:1 (6 tokens, 3 types): P(1) = (2 + 3/10)/(6 + 3) = 2.3/9
    const p1uni = 2.3 / 9;
    expect(model.probability([], 1, 1)).toBeCloseTo(p1uni, 12);
    // bigram after 0: counts 1:2, 2:1 (3 tokens, 2 types): (2 + 2·p1uni)/(3 + 2)
    expect(model.probability([0], 1, 2)).toBeCloseTo((2 + 2 * p1uni) / 5, 12);
  });

  it("backs off past unseen contexts", () => {
    expect(model.probability([5, 0], 1, 3)).toBeCloseTo(model.probability([0], 1, 2), 12);
  });

  it("gives a distribution that sums to 1 at every order", () => {
    for (const order of [1, 2, 3]) {
      let total = 0;
      for (let w = 0; w < 10; w++) total += model.probability([9, 0], w, order);
      expect(total).toBeCloseTo(1, 12);
    }
  });
});

describe("quote corpus", () => {
  const corpus = buildQuoteCorpus({ seed: 3, sentences: 4000 });

  it("plants quotes whose memorised ending breaks the grammar", () => {
    expect(corpus.quotes).toHaveLength(24);
    for (const q of corpus.quotes) {
      const last = q.prefix[q.prefix.length - 1]!;
      expect(corpus.successors[last]).not.toContain(q.memorised);
      expect(q.rule).toBe(corpus.successors[last]![0]);
    }
  });

  it("never shows the instruction tokens in training", () => {
    for (const s of corpus.sentences) {
      expect(s).not.toContain(corpus.alt);
      expect(s).not.toContain(corpus.brk);
    }
  });

  it("makes the small model follow the rule and the large one the memorised quote", () => {
    const model = new WittenBellFamily(corpus.sentences, 8, corpus.vocabSize);
    const held = corpus.sample(200, 11);
    const small = scoreOrder(model, corpus, 2, held);
    const large = scoreOrder(model, corpus, 8, held);
    expect(small.quoteDeviation).toBeGreaterThan(large.quoteDeviation + 0.4);
    expect(large.quoteRecital).toBeGreaterThan(small.quoteRecital + 0.4);
    expect(large.trainLoss).toBeLessThan(small.trainLoss);
  });
});
