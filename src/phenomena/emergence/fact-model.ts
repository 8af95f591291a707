// A real model family for the emergence page: count-based models that recall multi-token facts
// through a table of B hash buckets (the hashing trick, as in fastText / Vowpal Wabbit). Each
// (fact, position) context hashes to a bucket; the bucket's token counts are the prediction, so
// colliding facts blur each other. B is the capacity knob: more buckets, fewer collisions, lower
// per-token loss — while whole-answer exact match needs every one of L tokens right.
import { seededUniform, type Uniform } from "../../metrics/random.ts";

export interface FactSet {
  vocab: number;
  answers: number[][];
  /** How often each fact occurs in training (Zipf-like, so collisions have a winner). */
  frequencies: number[];
  /** Three wrong answers per fact (the answer with two positions changed), for the multiple-choice version. */
  distractors: number[][][];
}

/**
 * `count` random facts of `length` tokens over a vocabulary of `vocab`, seeded, with a long-tailed
 * frequency per fact and three near-miss distractors each (two positions changed).
 */
export function makeFacts(count: number, length: number, vocab: number, seed: number): FactSet {
  const uniform = seededUniform(seed);
  const answer = () => Array.from({ length }, () => Math.floor(uniform() * vocab));
  const answers = Array.from({ length: count }, answer);
  const frequencies = answers.map((_, i) => Math.ceil(100 / Math.sqrt(1 + ((i * 7919) % count))));
  // Near-miss distractors: a random distractor is told apart by any one position, a near miss
  // only by the two changed ones, so the choice stays informative across the family.
  const nearMiss = (a: number[]) => {
    const d = [...a];
    const first = Math.floor(uniform() * length);
    const second = (first + 1 + Math.floor(uniform() * (length - 1))) % length;
    for (const t of [first, second])
      d[t] = (d[t]! + 1 + Math.floor(uniform() * (vocab - 1))) % vocab;
    return d;
  };
  const distractors = answers.map((a) => [nearMiss(a), nearMiss(a), nearMiss(a)]);
  return { vocab, answers, frequencies, distractors };
}

function bucketOf(fact: number, position: number, buckets: number, salt: number): number {
  let h = Math.imul(fact + 1, 0x9e3779b1) ^ Math.imul(position + 1, 0x85ebca77) ^ salt;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return ((h ^ (h >>> 15)) >>> 0) % buckets;
}

/**
 * A count-based fact model with `buckets` hash buckets: every (fact, position) hashes to a bucket
 * whose frequency-weighted token counts (plus `smoothing`, default 0.1) give the prediction, so
 * colliding facts blur each other. More buckets, fewer collisions; `parameters` is buckets × vocab.
 */
export class HashedFactModel {
  readonly buckets: number;
  readonly vocab: number;
  private readonly counts: Float64Array;
  private readonly totals: Float64Array;
  private readonly smoothing: number;
  private readonly salt: number;

  /** "Trains" by counting: one pass over the facts, each weighted by its frequency. */
  constructor(facts: FactSet, buckets: number, seed: number, smoothing = 0.1) {
    this.buckets = buckets;
    this.vocab = facts.vocab;
    this.smoothing = smoothing;
    this.salt = seed | 0;
    this.counts = new Float64Array(buckets * facts.vocab);
    this.totals = new Float64Array(buckets);
    facts.answers.forEach((answer, i) => {
      answer.forEach((token, t) => {
        const b = bucketOf(i, t, buckets, this.salt);
        this.counts[b * facts.vocab + token]! += facts.frequencies[i]!;
        this.totals[b]! += facts.frequencies[i]!;
      });
    });
  }

  /** Parameters: one count per bucket and token. */
  get parameters(): number {
    return this.buckets * this.vocab;
  }

  distribution(fact: number, position: number): number[] {
    const b = bucketOf(fact, position, this.buckets, this.salt);
    const denominator = this.totals[b]! + this.smoothing * this.vocab;
    return Array.from(
      { length: this.vocab },
      (_, v) => (this.counts[b * this.vocab + v]! + this.smoothing) / denominator,
    );
  }

  /** Per-token log-probabilities of `answer` for `fact`. */
  tokenLogProbs(fact: number, answer: readonly number[]): number[] {
    return answer.map((token, t) => Math.log(this.distribution(fact, t)[token]!));
  }

  /** The most likely token at each position. */
  greedy(fact: number, length: number): number[] {
    return Array.from({ length }, (_, t) => {
      const d = this.distribution(fact, t);
      let best = 0;
      for (let v = 1; v < d.length; v++) if (d[v]! > d[best]!) best = v;
      return best;
    });
  }

  /** One answer sampled at temperature 1. */
  sample(fact: number, length: number, uniform: Uniform): number[] {
    return Array.from({ length }, (_, t) => {
      let u = uniform();
      const d = this.distribution(fact, t);
      for (let v = 0; v < d.length; v++) if ((u -= d[v]!) <= 0) return v;
      return d.length - 1;
    });
  }
}
