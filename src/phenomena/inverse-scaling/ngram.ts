// Witten–Bell interpolated n-gram language models (Witten & Bell 1991; Chen & Goodman 1998 §2.4):
// P(w | h) = (c(h w) + T(h)·P(w | h′)) / (c(h) + T(h)), T(h) = number of distinct words seen
// after h, h′ = h without its oldest token, bottoming out at the uniform distribution. One count
// table up to the largest order serves the whole family: the model of order n reads contexts of
// at most n − 1 tokens, so "capacity" is the context length.

import { InverseScalingError } from "./errors.ts";

interface ContextCounts {
  total: number;
  next: Map<number, number>;
}

/**
 * Witten–Bell interpolated n-gram models of every order up to `maxOrder`, from one count table
 * over `sentences` (position 0 of each is BOS context): the order-n model reads n − 1 tokens of
 * context. Throws InverseScalingError when vocabSize^(maxOrder − 1) reaches 2^53.
 */
export class WittenBellFamily {
  readonly maxOrder: number;
  readonly vocabSize: number;
  /** tables[k] maps a context of k tokens to its continuation counts. */
  private readonly tables: Map<number, ContextCounts>[];
  /** Contexts are keyed as numbers in base vocabSize (exact while base^(maxOrder−1) < 2^53). */
  private readonly base: number;

  constructor(sentences: readonly (readonly number[])[], maxOrder: number, vocabSize: number) {
    if (vocabSize ** (maxOrder - 1) >= Number.MAX_SAFE_INTEGER) {
      throw new InverseScalingError(
        "WittenBellFamily",
        `vocabSize^(maxOrder − 1) = ${vocabSize}^${maxOrder - 1}`,
        "below 2^53, so contexts key exactly",
      );
    }
    this.maxOrder = maxOrder;
    this.vocabSize = vocabSize;
    this.base = vocabSize;
    this.tables = Array.from({ length: maxOrder }, () => new Map());
    for (const s of sentences) {
      // Position 0 is the sentence's BOS: it is context, never predicted.
      for (let i = 1; i < s.length; i++) {
        const w = s[i]!;
        let key = 0;
        let scale = 1;
        for (let k = 0; k < maxOrder && k <= i; k++) {
          if (k > 0) {
            key += s[i - k]! * scale;
            scale *= this.base;
          }
          const table = this.tables[k]!;
          let entry = table.get(key);
          if (!entry) table.set(key, (entry = { total: 0, next: new Map() }));
          entry.total++;
          entry.next.set(w, (entry.next.get(w) ?? 0) + 1);
        }
      }
    }
  }

  /** P(w | history) under the order-`order` model (uses the last order − 1 tokens of history). */
  probability(history: readonly number[], w: number, order: number): number {
    return this.probabilities(history, history.length, w, order)[order - 1]!;
  }

  /**
   * P(w | tokens before `end`) under every order 1 … maxOrder at once: the interpolation
   * recursion passes through each order's estimate on its way up, so one walk serves the family.
   */
  probabilities(
    tokens: readonly number[],
    end: number,
    w: number,
    maxOrder = this.maxOrder,
  ): number[] {
    const out = new Array<number>(maxOrder);
    let p = 1 / this.vocabSize;
    let key = 0;
    let scale = 1;
    let seen = true;
    for (let j = 0; j < maxOrder; j++) {
      if (j > 0) {
        if (j > end) seen = false;
        else {
          key += tokens[end - j]! * scale;
          scale *= this.base;
        }
      }
      // A longer context containing an unseen one is unseen too.
      const entry = seen ? this.tables[j]!.get(key) : undefined;
      if (!entry) seen = false;
      else {
        const types = entry.next.size;
        p = ((entry.next.get(w) ?? 0) + types * p) / (entry.total + types);
      }
      out[j] = p;
    }
    return out;
  }

  /** Per-token cross-entropy (nats) of `sentences` under the order-`order` model. */
  crossEntropy(sentences: readonly (readonly number[])[], order: number): number {
    return this.crossEntropies(sentences, order)[order - 1]!;
  }

  /** Per-token cross-entropy (nats) of `sentences` under every order 1 … maxOrder, in one pass. */
  crossEntropies(sentences: readonly (readonly number[])[], maxOrder = this.maxOrder): number[] {
    const sums = new Array<number>(maxOrder).fill(0);
    let tokens = 0;
    for (const s of sentences) {
      for (let i = 1; i < s.length; i++) {
        const ps = this.probabilities(s, i, s[i]!, maxOrder);
        for (let j = 0; j < maxOrder; j++) sums[j]! -= Math.log(ps[j]!);
        tokens++;
      }
    }
    return sums.map((sum) => sum / tokens);
  }
}
