// A model family graded on multiple-choice items (Schaeffer et al. 2024, "Why Has Predicting
// Downstream Capabilities of Frontier AI Models with Scale Remained Elusive?"): each choice's
// log-probability rises linearly in log10 compute with its own slope plus noise. The correct
// choice's log-probability is predictable; the chain of transformations to accuracy mixes in
// the wrong choices' mass, and predictability (per-item correlation with compute) decays.
// Design from PHENOMENA.md (downstream-elusive).
import { choiceProbabilities, brierScore, multipleChoiceGrade } from "../../metrics/choice.ts";
import { pearson } from "../../metrics/correlation.ts";

export type Correlation = (xs: readonly number[], ys: readonly number[]) => number;
import { normalDraw, seededUniform } from "../../metrics/random.ts";

export interface ChainOptions {
  seed: number;
  models?: number;
  /** log10 compute of the smallest and largest model. */
  computeRange?: [number, number];
  items?: number;
  choices?: number;
  /** Per-token noise of a choice log-probability at one model. */
  noise?: number;
  correctSlope?: [mean: number, sd: number];
  wrongSlope?: [mean: number, sd: number];
  /** Intercepts (log-probability at the smallest model) ~ N(mean, sd). */
  intercept?: [mean: number, sd: number];
}

/** The chain's stages, each a per-(item, model) score where higher is better. */
export const CHAIN_STAGES = [
  "log p(correct)",
  "p(correct)",
  "p(correct | choices)",
  "−Brier",
  "accuracy",
] as const;
export type ChainStage = (typeof CHAIN_STAGES)[number];

export interface ChainFamily {
  compute: number[];
  /** scores[stage][item][model]. */
  scores: Record<ChainStage, number[][]>;
}

/**
 * Simulates a model family graded on multiple-choice items (Schaeffer et al. 2024): each choice's
 * log-probability rises linearly in log10 compute with its own slope plus noise (choice 0 correct),
 * and every item is scored at each stage of the chain from the correct choice's log-probability to
 * accuracy. Defaults: 12 models over log10 compute [19, 24.5], 2000 items, 4 choices. Returns
 * `compute` and `scores[stage][item][model]`.
 */
export function simulateChain(options: ChainOptions): ChainFamily {
  const uniform = seededUniform(options.seed);
  const normal = (mean: number, sd: number) => mean + sd * normalDraw(uniform);
  const models = options.models ?? 12;
  const [lo, hi] = options.computeRange ?? [19, 24.5];
  const compute = Array.from({ length: models }, (_, m) => lo + ((hi - lo) * m) / (models - 1));
  const choices = options.choices ?? 4;
  const noise = options.noise ?? 0.3;
  const [cm, cs] = options.correctSlope ?? [0.9, 0.3];
  const [wm, ws] = options.wrongSlope ?? [0.7, 0.4];
  const [im, is] = options.intercept ?? [-10, 2];
  const scores = Object.fromEntries(CHAIN_STAGES.map((s) => [s, [] as number[][]])) as Record<
    ChainStage,
    number[][]
  >;
  for (let i = 0; i < (options.items ?? 2000); i++) {
    // Choice 0 is correct.
    const intercepts = Array.from({ length: choices }, () => normal(im, is));
    const slopes = Array.from({ length: choices }, (_, k) =>
      k === 0 ? normal(cm, cs) : normal(wm, ws),
    );
    const rows: Record<ChainStage, number[]> = Object.fromEntries(
      CHAIN_STAGES.map((s) => [s, []]),
    ) as never;
    for (const x of compute) {
      const logProbs = intercepts.map((a, k) =>
        Math.min(0, a + slopes[k]! * (x - lo) + normal(0, noise)),
      );
      const normalised = choiceProbabilities(logProbs);
      rows["log p(correct)"].push(logProbs[0]!);
      rows["p(correct)"].push(Math.exp(logProbs[0]!));
      rows["p(correct | choices)"].push(normalised[0]!);
      rows["−Brier"].push(-brierScore(normalised, 0));
      rows["accuracy"].push(multipleChoiceGrade(logProbs, 0));
    }
    for (const s of CHAIN_STAGES) scores[s].push(rows[s]);
  }
  return { compute, scores };
}

export interface StageSummary {
  stage: ChainStage;
  mean: number;
  median: number;
  /** Share of items whose score is constant across the family (correlation undefined). */
  nanShare: number;
  /** Share of all items with r > 0.8 (NaN counts as not). */
  shareAbove: number;
}

/**
 * Per item, the correlation (Pearson by default; Schaeffer et al. also use Spearman and Kendall)
 * between the stage's score and log10 compute, summarised per stage.
 */
export function summariseChain(
  family: ChainFamily,
  threshold = 0.8,
  correlate: Correlation = pearson,
): StageSummary[] {
  return CHAIN_STAGES.map((stage) => {
    const rs = family.scores[stage].map((row) => correlate(family.compute, row));
    const defined = rs.filter((r) => !Number.isNaN(r)).sort((a, b) => a - b);
    const mid = defined.length >> 1;
    return {
      stage,
      mean: defined.reduce((s, r) => s + r, 0) / defined.length,
      median: defined.length % 2 ? defined[mid]! : (defined[mid - 1]! + defined[mid]!) / 2,
      nanShare: 1 - defined.length / rs.length,
      shareAbove: defined.filter((r) => r > threshold).length / rs.length,
    };
  });
}
