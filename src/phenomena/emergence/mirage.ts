// The mirage model of Schaeffer, Miranda, Koyejo 2023 ("Are Emergent Abilities of Large Language
// Models a Mirage?", §2): per-token cross-entropy falls as a power law in parameters N,
// CE(N) = (N/c)^α (α < 0), so the per-token probability of the right token is p(N) = exp(−CE).
// Exact match on an L-token answer is p^L — sharp, "emergent" — while the expected token edit
// distance L(1 − p) and the per-token Brier score change smoothly over the same family.

export interface MirageOptions {
  sizes: readonly number[];
  /** Power-law exponent of CE in N (negative). */
  alpha: number;
  /** CE at the largest size (sets c). */
  ceAtLargest: number;
  answerLength: number;
  /** Token vocabulary, for the Brier score's spread of wrong mass. */
  vocab?: number;
}

export interface MiragePoint {
  size: number;
  crossEntropy: number;
  tokenProbability: number;
  exactMatch: number;
  /** Expected token edit distance (wrong tokens) of a sampled L-token answer. */
  editDistance: number;
  /** Per-token Brier score with the wrong mass spread evenly over the other tokens. */
  brier: number;
}

/**
 * The mirage model of Schaeffer et al. 2023 at each size N: per-token cross-entropy (N/c)^α set by
 * its value at the largest size, token probability p = exp(−CE), exact match p^L, token edit
 * distance L(1 − p) and the per-token Brier score (vocab default 50,000).
 */
export function mirageFamily(options: MirageOptions): MiragePoint[] {
  const largest = Math.max(...options.sizes);
  // CE(largest) = (largest/c)^α  ⇒  c = largest · CE^(−1/α)
  const c = largest * options.ceAtLargest ** (-1 / options.alpha);
  const vocab = options.vocab ?? 50_000;
  return options.sizes.map((size) => {
    const crossEntropy = (size / c) ** options.alpha;
    const p = Math.exp(-crossEntropy);
    return {
      size,
      crossEntropy,
      tokenProbability: p,
      exactMatch: p ** options.answerLength,
      editDistance: options.answerLength * (1 - p),
      brier: (1 - p) ** 2 + (1 - p) ** 2 / (vocab - 1),
    };
  });
}
