// Multiple-choice grading and the Brier score: the discontinuous grade and its continuous
// counterpart over the same choice probabilities (Schaeffer et al. 2023, §3; BIG-bench).
import { MetricError, requireFiniteArray, requireInteger } from "./error.ts";

function requireCorrect(where: string, correct: number, choices: number): void {
  requireInteger(where, "correct", correct, 0);
  if (correct >= choices)
    throw new MetricError(
      where,
      "correct",
      `an index below the number of choices (${choices})`,
      correct,
    );
}

/** 1 when the correct choice has the strictly highest score (log-prob or prob); ties grade 0. */
export function multipleChoiceGrade(scores: readonly number[], correct: number): 0 | 1 {
  if (!Array.isArray(scores) || scores.length === 0) {
    throw new MetricError("multipleChoiceGrade", "scores", "a non-empty array of numbers", scores);
  }
  requireCorrect("multipleChoiceGrade", correct, scores.length);
  const target = scores[correct]!;
  if (Number.isNaN(target))
    throw new MetricError("multipleChoiceGrade", "scores", "numbers, not NaN", target);
  for (let k = 0; k < scores.length; k++) if (k !== correct && !(scores[k]! < target)) return 0;
  return 1;
}

/** Multi-class Brier score Σ_k (p_k − 1[k = correct])²: 0 is perfect, 2 is worst. */
export function brierScore(probabilities: readonly number[], correct: number): number {
  requireFiniteArray("brierScore", "probabilities", probabilities);
  requireCorrect("brierScore", correct, probabilities.length);
  let total = 0;
  let sum = 0;
  for (let k = 0; k < probabilities.length; k++) {
    const p = probabilities[k]!;
    if (p < 0 || p > 1) throw new MetricError("brierScore", "probabilities", "values in [0, 1]", p);
    sum += p;
    total += (p - (k === correct ? 1 : 0)) ** 2;
  }
  if (Math.abs(sum - 1) > 1e-6)
    throw new MetricError("brierScore", "probabilities", "a distribution summing to 1", sum);
  return total;
}

/** Normalises log-probabilities of the choices into probabilities over the choices (softmax). */
export function choiceProbabilities(logProbs: readonly number[]): number[] {
  if (!Array.isArray(logProbs) || logProbs.length === 0) {
    throw new MetricError(
      "choiceProbabilities",
      "logProbs",
      "a non-empty array of numbers",
      logProbs,
    );
  }
  const top = Math.max(...logProbs);
  if (!Number.isFinite(top))
    throw new MetricError(
      "choiceProbabilities",
      "logProbs",
      "at least one finite log-probability",
      top,
    );
  const weights = logProbs.map((l) => Math.exp(l - top));
  const total = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => w / total);
}
