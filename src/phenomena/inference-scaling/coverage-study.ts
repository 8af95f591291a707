// One population of problems through the whole coverage pipeline, the same for every population
// on the page: n binomial samples per problem from its exact pass rate, the unbiased pass@k
// estimator (Chen et al. 2021) at the given k, Brown et al.'s fit (App. C.1) and three diagnostics
// of its miss — the linearised fit, the fit on exact (noise-free) coverage, and k ≤ 250 only.
// `countsStudy` is the part after sampling, for counts that come from elsewhere (a file).
import {
  coverageCurve,
  expectedCoverage,
  type CoveragePoint,
  type ProblemSamples,
} from "../../metrics/pass-at-k.ts";
import type { Uniform } from "../../metrics/random.ts";
import { drawBinomial } from "./beta-population.ts";
import {
  fitCoverageLaw,
  largestMiss,
  logSpacedKs,
  type ExponentiatedPowerLaw,
} from "./coverage-law.ts";
import { InferenceScalingError } from "./errors.ts";

export interface CountsStudy {
  samples: ProblemSamples[];
  coverage: CoveragePoint[];
  law: ExponentiatedPowerLaw;
  miss: { miss: number; k: number };
  /** The straight line through log(−log c) used as the law instead. */
  linearisedMiss: { miss: number; k: number };
  /** The same fit on 40 log-spaced k up to `shortMax` (SWE-bench Lite's 250 samples). */
  shortMiss: { miss: number; k: number };
}

export interface CoverageStudy extends CountsStudy {
  /** The same fit on the exact coverage of the pass rates (no sampling noise). */
  exactMiss: { miss: number; k: number };
}

/**
 * The coverage pipeline for one population of problems: `samplesPerProblem` binomial samples per
 * problem from its pass rate, unbiased pass@k coverage at `ks`, Brown et al.'s exponentiated power
 * law fit, and the fit's largest miss — also linearised, on exact coverage, and on k ≤ `shortMax`
 * (250). Throws InferenceScalingError for fewer than 2 samples per problem or no problems.
 */
export function coverageStudy(
  passRates: readonly number[],
  options: {
    samplesPerProblem: number;
    ks: readonly number[];
    uniform: Uniform;
    shortMax?: number;
  },
): CoverageStudy {
  const { samplesPerProblem: n, ks, uniform } = options;
  const samples = passRates.map((p) => ({ n, c: drawBinomial(n, p, uniform) }));
  const exact = ks.map((k) => ({ k, coverage: expectedCoverage(passRates, k) }));
  return {
    ...countsStudy(samples, {
      ks,
      ...(options.shortMax === undefined ? {} : { shortMax: options.shortMax }),
    }),
    exactMiss: largestMiss(exact, fitCoverageLaw(exact).predict),
  };
}

/**
 * The pipeline on given counts: coverage at `ks` (default: 40 log-spaced k up to the fewest
 * samples any problem has), the fit, and its miss measured three ways.
 */
export function countsStudy(
  samples: readonly ProblemSamples[],
  options: { ks?: readonly number[]; shortMax?: number } = {},
): CountsStudy {
  if (samples.length === 0)
    throw new InferenceScalingError("countsStudy.samples", "no problems", "at least one {n, c}");
  const fewest = Math.min(...samples.map((s) => s.n));
  if (fewest < 2)
    throw new InferenceScalingError(
      "countsStudy.samples",
      `a problem has ${fewest} sample`,
      "≥ 2 samples per problem",
    );
  const ks = options.ks ?? logSpacedKs(40, fewest);
  const coverage = coverageCurve(samples, ks);
  const law = fitCoverageLaw(coverage);
  const short = coverageCurve(samples, logSpacedKs(40, Math.min(options.shortMax ?? 250, fewest)));
  return {
    samples: [...samples],
    coverage,
    law,
    miss: largestMiss(coverage, law.predict),
    linearisedMiss: largestMiss(coverage, (k) =>
      Math.exp(law.linearised.a * k ** law.linearised.b),
    ),
    shortMiss: largestMiss(short, fitCoverageLaw(short).predict),
  };
}
