// The three tasks scored on every model of the family, each a two-way choice graded by which
// continuation the model finds more probable (McKenzie et al. 2023 grade classification tasks
// the same way): quote deviation (cause i), pattern breaking (cause iii), and the control —
// reciting the quote when nothing asks otherwise, where more context should help.
import type { QuoteCorpus } from "./corpus.ts";
import type { WittenBellFamily } from "./ngram.ts";

export interface FamilyPoint {
  order: number;
  /** ALT + quote prefix: right when P(rule) > P(memorised). Cause (i). */
  quoteDeviation: number;
  /** BREAK + a b a b a: right when P(rule successor of a) > P(b). Cause (iii). */
  patternBreak: number;
  /** Quote prefix mid-text, no instruction: right when P(memorised) > P(rule). Control. */
  quoteRecital: number;
  /** Per-token cross-entropy (nats) on the training corpus and on fresh text. */
  trainLoss: number;
  heldOutLoss: number;
}

function share(items: readonly boolean[]): number {
  return items.filter(Boolean).length / items.length;
}

/** Scores orders 1 … maxOrder, computing each corpus's losses for all orders in one pass. */
export function scoreFamily(
  model: WittenBellFamily,
  corpus: QuoteCorpus,
  heldOut: readonly (readonly number[])[],
): FamilyPoint[] {
  const train = model.crossEntropies(corpus.sentences);
  const held = model.crossEntropies(heldOut);
  return train.map((trainLoss, i) => ({
    ...scoreTasks(model, corpus, i + 1),
    trainLoss,
    heldOutLoss: held[i]!,
  }));
}

/**
 * Scores the order-`order` model on the three two-way tasks (quote deviation, pattern break,
 * quote recital; shares right) and its per-token cross-entropy in nats on the corpus and on `heldOut`.
 */
export function scoreOrder(
  model: WittenBellFamily,
  corpus: QuoteCorpus,
  order: number,
  heldOut: readonly (readonly number[])[],
): FamilyPoint {
  return {
    ...scoreTasks(model, corpus, order),
    trainLoss: model.crossEntropy(corpus.sentences, order),
    heldOutLoss: model.crossEntropy(heldOut, order),
  };
}

/** The three two-way tasks at one order. */
export function scoreTasks(
  model: WittenBellFamily,
  corpus: QuoteCorpus,
  order: number,
  patternLength = 5,
): Omit<FamilyPoint, "trainLoss" | "heldOutLoss"> {
  const p = (history: number[], w: number) => model.probability(history, w, order);
  const quoteDeviation = share(
    corpus.quotes.map((q) => {
      const h = [corpus.bos, corpus.alt, ...q.prefix];
      return p(h, q.rule) > p(h, q.memorised);
    }),
  );
  const quoteRecital = share(
    corpus.quotes.map((q) => {
      // Mid-text, as quotes occur in the corpus: a sentence-initial context would match grammar
      // walks that share the quote's start and never end on its memorised token.
      const h = [...q.prefix];
      return p(h, q.memorised) > p(h, q.rule);
    }),
  );
  const patternBreak = share(
    corpus.patterns.map((pt) => {
      const h = [corpus.bos, corpus.brk];
      for (let i = 0; i < patternLength; i++) h.push(i % 2 === 0 ? pt.a : pt.b);
      return p(h, pt.rule) > p(h, pt.b);
    }),
  );
  return {
    order,
    quoteDeviation,
    patternBreak,
    quoteRecital,
  };
}
