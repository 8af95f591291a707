// Aggregating per-token log-likelihoods into per-sequence scores: the sum (log-probability
// of the whole answer), the mean (per-token cross-entropy's negative) and perplexity.
import { MetricError } from "./error.ts";

export interface LogLikelihoodSummary {
  tokens: number;
  /** Σ log p(token): log-probability of the whole sequence. */
  sum: number;
  /** Mean log p(token); −mean is the per-token cross-entropy in nats. */
  mean: number;
  /** exp(−mean). */
  perplexity: number;
  /** exp(sum): probability of producing the sequence exactly (greedy-free exact match). */
  sequenceProbability: number;
}

/** Summarises one sequence's per-token log-probabilities (natural log, each ≤ 0). */
export function aggregateLogLikelihood(tokenLogProbs: readonly number[]): LogLikelihoodSummary {
  if (!Array.isArray(tokenLogProbs) || tokenLogProbs.length === 0) {
    throw new MetricError(
      "aggregateLogLikelihood",
      "tokenLogProbs",
      "a non-empty array of log-probabilities",
      tokenLogProbs,
    );
  }
  let sum = 0;
  for (const l of tokenLogProbs) {
    if (typeof l !== "number" || Number.isNaN(l) || l > 1e-12) {
      throw new MetricError(
        "aggregateLogLikelihood",
        "tokenLogProbs",
        "log-probabilities ≤ 0 (natural log)",
        l,
      );
    }
    sum += l;
  }
  const mean = sum / tokenLogProbs.length;
  return {
    tokens: tokenLogProbs.length,
    sum,
    mean,
    perplexity: Math.exp(-mean),
    sequenceProbability: Math.exp(sum),
  };
}

/** Corpus-level per-token cross-entropy (nats): −Σ_all log p / total tokens, over many sequences. */
export function corpusCrossEntropy(sequences: readonly (readonly number[])[]): number {
  if (!Array.isArray(sequences) || sequences.length === 0) {
    throw new MetricError(
      "corpusCrossEntropy",
      "sequences",
      "a non-empty array of sequences",
      sequences,
    );
  }
  let sum = 0;
  let tokens = 0;
  for (const s of sequences) {
    const summary = aggregateLogLikelihood(s);
    sum += summary.sum;
    tokens += summary.tokens;
  }
  return -sum / tokens;
}
