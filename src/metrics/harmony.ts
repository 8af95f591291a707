// Benchmark harmony ("The Flaw of Averages"): how evenly a model's accuracy is spread over a
// benchmark's subdomains, as the normalised entropy of the accuracy shares
// H = −Σ q_k log q_k / log K with q_k = a_k / Σ_j a_j (PHENOMENA.md: inferred form; the paper
// adds a kernel). 1 = perfectly even, 0 = all accuracy in one subdomain.
import { MetricError, requireFiniteArray } from "./error.ts";

/**
 * Normalised entropy of a model's accuracy shares over subdomains: 1 = evenly spread, 0 = all in
 * one. Throws MetricError for fewer than 2 subdomains, negative or all-zero accuracies.
 */
export function benchmarkHarmony(subdomainAccuracies: readonly number[]): number {
  requireFiniteArray("benchmarkHarmony", "subdomainAccuracies", subdomainAccuracies);
  if (subdomainAccuracies.length < 2) {
    throw new MetricError(
      "benchmarkHarmony",
      "subdomainAccuracies",
      "at least 2 subdomains",
      subdomainAccuracies,
    );
  }
  let total = 0;
  for (const a of subdomainAccuracies) {
    if (a < 0)
      throw new MetricError("benchmarkHarmony", "subdomainAccuracies", "accuracies ≥ 0", a);
    total += a;
  }
  if (total === 0)
    throw new MetricError(
      "benchmarkHarmony",
      "subdomainAccuracies",
      "not all zero (shares undefined)",
      total,
    );
  let entropy = 0;
  for (const a of subdomainAccuracies) {
    const q = a / total;
    if (q > 0) entropy -= q * Math.log(q);
  }
  return entropy / Math.log(subdomainAccuracies.length);
}
