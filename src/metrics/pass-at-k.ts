// The unbiased pass@k estimator of Chen et al. 2021 (Codex, eq. 1): 1 − C(n−c, k)/C(n, k),
// in their numerically stable product form 1 − Π_{i=n−c+1}^{n} (1 − k/i), summed in log space
// so n up to 1e5 neither overflows binomials nor loses the small tail.
import { MetricError, requireInteger } from "./error.ts";

/** Probability that at least one of k samples drawn without replacement from n (c correct) is correct. */
export function passAtK(n: number, c: number, k: number): number {
  requireInteger("passAtK", "n", n, 1);
  requireInteger("passAtK", "c", c, 0);
  requireInteger("passAtK", "k", k, 1);
  if (c > n) throw new MetricError("passAtK", "c", `at most n (${n})`, c);
  if (k > n)
    throw new MetricError("passAtK", "k", `at most n (${n}); the estimator needs k ≤ n samples`, k);
  if (c === 0) return 0;
  if (n - c < k) return 1;
  let logFail = 0;
  for (let i = n - c + 1; i <= n; i++) logFail += Math.log1p(-k / i);
  return -Math.expm1(logFail);
}

export interface ProblemSamples {
  /** Samples drawn for this problem. */
  n: number;
  /** Of which correct. */
  c: number;
}

export interface CoveragePoint {
  k: number;
  coverage: number;
}

/** Coverage (mean pass@k over problems) for each k: Brown et al. 2024, "Large Language Monkeys". */
export function coverageCurve(
  problems: readonly ProblemSamples[],
  ks: readonly number[],
): CoveragePoint[] {
  if (!Array.isArray(problems) || problems.length === 0) {
    throw new MetricError("coverageCurve", "problems", "a non-empty array of {n, c}", problems);
  }
  if (!Array.isArray(ks) || ks.length === 0)
    throw new MetricError("coverageCurve", "ks", "a non-empty array of k values", ks);
  return ks.map((k) => {
    let total = 0;
    for (const p of problems) total += passAtK(p.n, p.c, k);
    return { k, coverage: total / problems.length };
  });
}

/** Exact coverage when each problem's success probability p_i is known: mean of 1 − (1 − p_i)^k. */
export function expectedCoverage(successProbabilities: readonly number[], k: number): number {
  if (!Array.isArray(successProbabilities) || successProbabilities.length === 0) {
    throw new MetricError(
      "expectedCoverage",
      "successProbabilities",
      "a non-empty array of probabilities",
      successProbabilities,
    );
  }
  if (!(k >= 0)) throw new MetricError("expectedCoverage", "k", "a number ≥ 0", k);
  let total = 0;
  for (const p of successProbabilities) {
    if (!(p >= 0 && p <= 1))
      throw new MetricError("expectedCoverage", "successProbabilities", "values in [0, 1]", p);
    total += p === 1 ? 1 : -Math.expm1(k * Math.log1p(-p));
  }
  return total / successProbabilities.length;
}
