// The four regimes of Bahri et al. 2021 (Fig. 1, Table 1), each a sweep of one resource with
// the other held far away (≥ 10×) or at its exact limit, and its log-log slope fitted with the
// toolkit's power law. Variance-limited: the loss approaches its limit as 1/D (or 1/P);
// resolution-limited: the loss falls as D^−α_K (or P^−α_K), the same exponent (duality).
import { fitCurve } from "../../fit/fitCurve.ts";
import { powerLaw } from "../../fit/forms.ts";
import { rng } from "../../data/random.ts";
import {
  infiniteDataLoss,
  infiniteWidthLoss,
  makeProjection,
  makeTeacher,
  sampleInputs,
  studentLossFromMoments,
  studentLossSampled,
} from "./model.ts";

export interface RegimeOptions {
  /** Latent features (default 2000; finite-S bends appear as D or P nears S/10). */
  S?: number;
  /** Spectrum exponent: λ_k = k^−(1+α_K). */
  alphaK?: number;
  seed?: number;
}

export interface RegimePoint {
  /** The swept resource (D or P). */
  size: number;
  /** Mean test loss, or mean excess loss over the limit for the variance-limited sweeps. */
  loss: number;
}

export interface RegimeSweep {
  regime:
    | "variance-limited in D"
    | "variance-limited in P"
    | "resolution-limited in D"
    | "resolution-limited in P";
  resource: "D" | "P";
  /** What the other resource was held at. */
  held: string;
  points: RegimePoint[];
  /** Fitted log-log slope (−exponent of the power law). */
  slope: number;
}

const defaults = { S: 2000, alphaK: 0.5, seed: 1 };

function slopeOf(points: RegimePoint[]): number {
  const fit = fitCurve({
    model: powerLaw,
    x: points.map((p) => p.size),
    y: points.map((p) => p.loss),
    space: "log",
  });
  return -fit.params.alpha!;
}

function sweep(
  regime: RegimeSweep["regime"],
  resource: "D" | "P",
  held: string,
  points: RegimePoint[],
): RegimeSweep {
  return { regime, resource, held, points, slope: slopeOf(points) };
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Fixed small P, D = 10P…320P: excess of L(D) over L(D → ∞) for the same teacher and projection. */
export function varianceLimitedInD(
  options: RegimeOptions & { P?: number; draws?: number } = {},
): RegimeSweep {
  const { S, alphaK, seed } = { ...defaults, ...options };
  const P = options.P ?? 10;
  const draws = options.draws ?? 12;
  const random = rng(seed);
  const teacher = makeTeacher(S, alphaK, random);
  const E = makeProjection(P, S, random);
  const limit = infiniteDataLoss(teacher, E, P);
  const points = [10, 20, 40, 80, 160, 320].map((ratio) => {
    const D = ratio * P;
    const excess = Array.from(
      { length: draws },
      () => studentLossFromMoments(teacher, E, P, D, random) - limit,
    );
    return { size: D, loss: mean(excess) };
  });
  return sweep("variance-limited in D", "D", `P = ${P}`, points);
}

/**
 * Fixed small D, P = 10D…160D: excess of L(P) over L(P → ∞) on the same data, over projection
 * draws. Each draw is an antithetic pair (see `studentLossSampled`): a single plain draw's excess
 * spreads ~3× its mean, the pair's ~0.35×, so 200 pairs pin each point to ~3%.
 */
export function varianceLimitedInP(
  options: RegimeOptions & { D?: number; draws?: number } = {},
): RegimeSweep {
  const { S, alphaK, seed } = { ...defaults, ...options };
  const D = options.D ?? 8;
  const draws = options.draws ?? 200;
  const random = rng(seed + 1);
  const teacher = makeTeacher(S, alphaK, random);
  const { X, y } = sampleInputs(teacher, D, random);
  const limit = infiniteWidthLoss(teacher, X, y, D);
  const points = [10, 20, 40, 80, 160].map((ratio) => {
    const P = ratio * D;
    const excess = Array.from(
      { length: draws },
      () => studentLossSampled(teacher, X, y, D, P, random) - limit,
    );
    return { size: P, loss: mean(excess) };
  });
  return sweep("variance-limited in P", "P", `D = ${D}`, points);
}

/** P → ∞ (exact limit), D = 4…64: the loss itself, over data and teacher draws. */
export function resolutionLimitedInD(
  options: RegimeOptions & { draws?: number } = {},
): RegimeSweep {
  const { S, alphaK, seed } = { ...defaults, ...options };
  const draws = options.draws ?? 64;
  const random = rng(seed + 2);
  const teachers = Array.from({ length: draws }, () => makeTeacher(S, alphaK, random));
  const points = [4, 8, 16, 32, 64].map((D) => ({
    size: D,
    loss: mean(
      teachers.map((teacher) => {
        const { X, y } = sampleInputs(teacher, D, random);
        return infiniteWidthLoss(teacher, X, y, D);
      }),
    ),
  }));
  return sweep("resolution-limited in D", "D", "P → ∞", points);
}

/** D → ∞ (exact limit), P = 4…64: the loss itself, over projection and teacher draws. */
export function resolutionLimitedInP(
  options: RegimeOptions & { draws?: number } = {},
): RegimeSweep {
  const { S, alphaK, seed } = { ...defaults, ...options };
  const draws = options.draws ?? 64;
  const random = rng(seed + 3);
  const teachers = Array.from({ length: draws }, () => makeTeacher(S, alphaK, random));
  const points = [4, 8, 16, 32, 64].map((P) => ({
    size: P,
    loss: mean(
      teachers.map((teacher) => infiniteDataLoss(teacher, makeProjection(P, S, random), P)),
    ),
  }));
  return sweep("resolution-limited in P", "P", "D → ∞", points);
}
