// Resampling against an imperfect verifier (Stroebl, Kapoor, Narayanan 2024, "Inference Scaling
// fLaws", formulas from their public code): draw a sample (correct with probability r), the
// verifier accepts a correct one with completeness c and rejects a wrong one with soundness s;
// resample until accepted, at most K tries. Reject probability β = (1 − c)·r + s·(1 − r).
import type { Uniform } from "../../metrics/random.ts";

export interface VerifierTask {
  /** Share of problems of this kind. */
  weight: number;
  /** Probability that one sample is correct. */
  passRate: number;
}

export interface Verifier {
  completeness: number;
  soundness: number;
}

const rejectProbability = (r: number, v: Verifier) =>
  (1 - v.completeness) * r + v.soundness * (1 - r);

/** Acc_K = c·r·(1 − β^K)/(1 − β), averaged over task kinds. */
export function resamplingAccuracy(tasks: readonly VerifierTask[], v: Verifier, K: number): number {
  return tasks.reduce((sum, t) => {
    const beta = rejectProbability(t.passRate, v);
    return sum + t.weight * v.completeness * t.passRate * geometricSum(beta, K);
  }, 0);
}

/** Acc_∞ = c·r/(c·r + (1 − r)(1 − s)): the ceiling no number of samples passes. */
export function resamplingCeiling(tasks: readonly VerifierTask[], v: Verifier): number {
  return tasks.reduce((sum, t) => {
    const good = v.completeness * t.passRate;
    return sum + (t.weight * good) / (good + (1 - t.passRate) * (1 - v.soundness));
  }, 0);
}

/** U(K) = Σ_t p_t·(c·r_t − C·(1 − r_t)(1 − s))·(1 − β_t^K)/(1 − β_t): reward 1, false positive costs C. */
export function resamplingUtility(
  tasks: readonly VerifierTask[],
  v: Verifier,
  K: number,
  cost: number,
): number {
  return tasks.reduce((sum, t) => {
    const beta = rejectProbability(t.passRate, v);
    const perTry = v.completeness * t.passRate - cost * (1 - t.passRate) * (1 - v.soundness);
    return sum + t.weight * perTry * geometricSum(beta, K);
  }, 0);
}

/** The K in 1 … maxK with the highest utility. */
export function optimalSamples(
  tasks: readonly VerifierTask[],
  v: Verifier,
  cost: number,
  maxK = 1000,
): number {
  let best = 1;
  for (let K = 2; K <= maxK; K++) {
    if (resamplingUtility(tasks, v, K, cost) > resamplingUtility(tasks, v, best, cost)) best = K;
  }
  return best;
}

function geometricSum(beta: number, K: number): number {
  return beta === 1 ? K : (1 - beta ** K) / (1 - beta);
}

/** Monte Carlo of the procedure itself: share of problems answered correctly with at most K tries. */
export function simulateResampling(
  tasks: readonly VerifierTask[],
  v: Verifier,
  K: number,
  problems: number,
  uniform: Uniform,
): { accuracy: number; falsePositives: number } {
  let correct = 0;
  let wrongAccepted = 0;
  const cumulative = tasks.map((_, i) => tasks.slice(0, i + 1).reduce((s, t) => s + t.weight, 0));
  for (let i = 0; i < problems; i++) {
    const u = uniform();
    const task = tasks[cumulative.findIndex((c) => u <= c + 1e-12)] ?? tasks[tasks.length - 1]!;
    for (let k = 0; k < K; k++) {
      const isCorrect = uniform() < task.passRate;
      const accepted = isCorrect ? uniform() < v.completeness : uniform() >= v.soundness;
      if (accepted) {
        if (isCorrect) correct++;
        else wrongAccepted++;
        break;
      }
    }
  }
  return { accuracy: correct / problems, falsePositives: wrongAccepted / problems };
}
