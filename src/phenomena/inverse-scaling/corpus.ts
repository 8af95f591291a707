// A synthetic corpus that plants two of McKenzie et al.'s (2023) causes of inverse scaling:
// (i) "strong prior" — famous quotes repeated verbatim, whose last token breaks the corpus's
// grammar; (iii) "distractor task" — an easy alternating pattern (a b a b a …) that the hard
// task asks to break (cf. their pattern-matching-suppression). The grammar is a first-order
// Markov chain, so the rule continuation is learnable from one token of context, while the
// planted patterns need more: bigger-context models see the plants, smaller ones the rule.
// Design from PHENOMENA.md (inverse-scaling), prototyped at 60 tokens, 24 quotes, 20k sentences.
import { seededUniform, type Uniform } from "../../metrics/random.ts";

export interface QuoteCorpusOptions {
  seed: number;
  /** Grammar tokens (ids 0 … vocab − 1). */
  vocab?: number;
  /** Successor probabilities of each token, most likely first. */
  successorProbabilities?: readonly number[];
  quotes?: number;
  sentences?: number;
  /** Probability that a sentence ends with a quote appended. */
  quoteRate?: number;
  /** Alternating pairs planted for the distractor task. */
  patterns?: number;
  /** Probability that a sentence ends with an alternating pattern appended. */
  patternRate?: number;
  /** Ratio of planting frequencies between successive pairs (1 = all equally often). */
  patternDecay?: number;
  /** Length of each planted alternation (a b a b …). */
  patternLength?: number;
  /** Share of extra "ALT + quote prefix + rule answer" sequences (makes the trend U-shaped). */
  ruleDemoRate?: number;
}

export interface Quote {
  prefix: number[];
  /** The memorised last token: never a grammatical successor of the prefix's end. */
  memorised: number;
  /** The grammar's most likely continuation of the prefix: what the ALT instruction asks for. */
  rule: number;
}

export interface Pattern {
  a: number;
  b: number;
  /** The grammar's most likely successor of `a`: what the BREAK instruction asks for. */
  rule: number;
}

export interface QuoteCorpus {
  /** Token ids: grammar 0 … vocab − 1, then BOS, ALT, BREAK. */
  bos: number;
  alt: number;
  brk: number;
  vocabSize: number;
  successors: number[][];
  sentences: number[][];
  quotes: Quote[];
  patterns: Pattern[];
  /** Draws fresh grammar-plus-plants sentences from the same source (held-out text). */
  sample(count: number, seed: number): number[][];
}

function pick(probabilities: readonly number[], uniform: Uniform): number {
  let u = uniform();
  for (let i = 0; i < probabilities.length; i++) {
    u -= probabilities[i]!;
    if (u <= 0) return i;
  }
  return probabilities.length - 1;
}

/**
 * A seeded synthetic corpus planting two causes of inverse scaling (McKenzie et al. 2023): a
 * first-order Markov grammar over `vocab` tokens (60), famous quotes whose last token breaks it
 * (strong prior), and alternating a b a b patterns (distractor task).
 */
export function buildQuoteCorpus(options: QuoteCorpusOptions): QuoteCorpus {
  const vocab = options.vocab ?? 60;
  const probs = options.successorProbabilities ?? [0.55, 0.25, 0.12, 0.08];
  const uniform = seededUniform(options.seed);
  const token = () => Math.floor(uniform() * vocab);
  // Each token gets distinct random successors, the first the most likely.
  const successors = Array.from({ length: vocab }, () => {
    const chosen: number[] = [];
    while (chosen.length < probs.length) {
      const t = token();
      if (!chosen.includes(t)) chosen.push(t);
    }
    return chosen;
  });
  const next = (t: number, u: Uniform) => successors[t]![pick(probs, u)]!;
  const walk = (length: number, u: Uniform) => {
    const out = [Math.floor(u() * vocab)];
    while (out.length < length) out.push(next(out[out.length - 1]!, u));
    return out;
  };
  // Alternating pairs use distinct tokens; b is made a minor successor of a (rank 2) and a of b
  // (rank 3), so short stretches of the alternation also occur by grammar and the planted
  // pattern dominates only from some context length on — later for rarer pairs, whose planting
  // frequency falls geometrically (ratio `patternDecay`).
  const patterns: Pattern[] = [];
  const used = new Set<number>();
  const place = (list: number[], t: number, rank: number) => {
    const at = list.indexOf(t);
    if (at >= 0) [list[at], list[rank]] = [list[rank]!, list[at]!];
    else list[rank] = t;
  };
  while (patterns.length < (options.patterns ?? 12)) {
    const a = token();
    const b = token();
    if (a === b || used.has(a) || used.has(b)) continue;
    used.add(a).add(b);
    place(successors[a]!, b, 1);
    place(successors[b]!, a, 2);
    patterns.push({ a, b, rule: successors[a]![0]! });
  }
  const decay = options.patternDecay ?? 0.6;
  const patternWeights = patterns.map((_, i) => decay ** i);
  const weightTotal = patternWeights.reduce((x, y) => x + y, 0);
  const patternProbabilities = patternWeights.map((w) => w / weightTotal);
  const quotes: Quote[] = [];
  for (let q = 0; q < (options.quotes ?? 24); q++) {
    const prefix = walk(3 + Math.floor(uniform() * 4), uniform);
    const last = prefix[prefix.length - 1]!;
    let memorised = token();
    while (successors[last]!.includes(memorised)) memorised = token();
    quotes.push({ prefix, memorised, rule: successors[last]![0]! });
  }
  const bos = vocab;
  const alt = vocab + 1;
  const brk = vocab + 2;
  const quoteRate = options.quoteRate ?? 0.25;
  const patternRate = options.patternRate ?? 0.1;
  const patternLength = options.patternLength ?? 6;
  const ruleDemoRate = options.ruleDemoRate ?? 0;
  const sentence = (u: Uniform): number[] => {
    if (ruleDemoRate > 0 && u() < ruleDemoRate) {
      const q = quotes[Math.floor(u() * quotes.length)]!;
      return [bos, alt, ...q.prefix, q.rule];
    }
    const s = [bos, ...walk(8 + Math.floor(u() * 8), u)];
    if (u() < quoteRate) {
      const q = quotes[Math.floor(u() * quotes.length)]!;
      s.push(...q.prefix, q.memorised);
    } else if (u() < patternRate) {
      const p = patterns[pick(patternProbabilities, u)]!;
      for (let i = 0; i < patternLength; i++) s.push(i % 2 === 0 ? p.a : p.b);
    }
    return s;
  };
  const sample = (count: number, seed: number) => {
    const u = seededUniform(seed);
    return Array.from({ length: count }, () => sentence(u));
  };
  const sentences = Array.from({ length: options.sentences ?? 20_000 }, () => sentence(uniform));
  return { bos, alt, brk, vocabSize: vocab + 3, successors, sentences, quotes, patterns, sample };
}
