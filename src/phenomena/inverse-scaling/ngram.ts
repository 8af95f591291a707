// Witten–Bell interpolated n-gram language models (Witten & Bell 1991; Chen & Goodman 1998 §2.4):
// P(w | h) = (c(h w) + T(h)·P(w | h′)) / (c(h) + T(h)), T(h) = number of distinct words seen
// after h, h′ = h without its oldest token, bottoming out at the uniform distribution. One count
// table up to the largest order serves the whole family: the model of order n reads contexts of
// at most n − 1 tokens, so "capacity" is the context length.

interface ContextCounts {
  total: number;
  next: Map<number, number>;
}

export class WittenBellFamily {
  readonly maxOrder: number;
  readonly vocabSize: number;
  /** tables[k] maps a context of k tokens (joined) to its continuation counts. */
  private readonly tables: Map<string, ContextCounts>[];

  constructor(sentences: readonly (readonly number[])[], maxOrder: number, vocabSize: number) {
    this.maxOrder = maxOrder;
    this.vocabSize = vocabSize;
    this.tables = Array.from({ length: maxOrder }, () => new Map());
    for (const s of sentences) {
      // Position 0 is the sentence's BOS: it is context, never predicted.
      for (let i = 1; i < s.length; i++) {
        const w = s[i]!;
        for (let k = 0; k < maxOrder && k <= i; k++) {
          const key = s.slice(i - k, i).join(",");
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
    const k = Math.min(order - 1, history.length);
    let p = 1 / this.vocabSize;
    for (let j = 0; j <= k; j++) {
      const entry = this.tables[j]!.get(history.slice(history.length - j).join(","));
      if (!entry) break; // a longer context containing an unseen one is unseen too
      const types = entry.next.size;
      p = ((entry.next.get(w) ?? 0) + types * p) / (entry.total + types);
    }
    return p;
  }

  /** Per-token cross-entropy (nats) of `sentences` under the order-`order` model. */
  crossEntropy(sentences: readonly (readonly number[])[], order: number): number {
    let sum = 0;
    let tokens = 0;
    for (const s of sentences) {
      for (let i = 1; i < s.length; i++) {
        sum -= Math.log(this.probability(s.slice(Math.max(0, i - order + 1), i), s[i]!, order));
        tokens++;
      }
    }
    return sum / tokens;
  }
}
