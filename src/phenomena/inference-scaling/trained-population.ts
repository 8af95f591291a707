// A benchmark whose per-problem pass rates come from a model trained here, not from a family we
// pick: the emergence page's FactMlp (one-hot fact key → hidden width w → one softmax head per
// answer token, full-batch Adam), whose sampled answer is right with probability Π_t p(answer_t).
// Width is set by one rule fixed before any coverage beyond k = 1 was computed: the width whose
// mean pass rate (coverage at k = 1) is nearest a target, SWE-bench Lite's 15.9% (Brown et al. 2024).
import { aggregateLogLikelihood } from "../../metrics/likelihood.ts";
import { FactMlp } from "../emergence/fact-mlp.ts";
import type { FactSet } from "../emergence/fact-model.ts";
import { InferenceScalingError } from "./errors.ts";

/** Anything that scores an answer token by token (FactMlp, HashedFactModel). */
export interface SequenceScorer {
  tokenLogProbs(fact: number, answer: readonly number[]): number[];
}

/** Exact probability that one sampled answer is the right one, per fact: exp(Σ_t log p(answer_t)). */
export function sequencePassRates(
  model: SequenceScorer,
  answers: readonly (readonly number[])[],
): number[] {
  return answers.map(
    (answer, i) => aggregateLogLikelihood(model.tokenLogProbs(i, answer)).sequenceProbability,
  );
}

export interface WidthSearch {
  /** First width of the ladder and its step (the emergence page's ladder: 4, 8, 12, …). */
  start?: number;
  step?: number;
  /** Give up past this width. */
  max?: number;
}

export interface WidthChoice {
  width: number;
  mean: number;
  /** Every width trained, in the order tried, with its mean pass rate. */
  tried: { width: number; mean: number }[];
}

/**
 * The integer width whose mean pass rate is nearest `target`: climb the ladder start, start + step, …
 * to the first width at or above the target, then try the widths between it and the previous rung;
 * the nearest of all tried wins (ties: the narrower). `meanAt` is called once per width.
 */
export function widthNearest(
  meanAt: (width: number) => number,
  target: number,
  { start = 4, step = 4, max = 256 }: WidthSearch = {},
): WidthChoice {
  if (!(Number.isInteger(start) && Number.isInteger(step) && start >= 1 && step >= 1))
    throw new InferenceScalingError(
      "widthNearest",
      `start = ${start}, step = ${step}`,
      "integers ≥ 1",
    );
  const tried: { width: number; mean: number }[] = [];
  const at = (width: number) => {
    const mean = meanAt(width);
    tried.push({ width, mean });
    return mean;
  };
  let width = start;
  while (at(width) < target) {
    width += step;
    if (width > max)
      throw new InferenceScalingError(
        "widthNearest",
        `no width up to ${max} reaches a mean pass rate of ${target} (best ${Math.max(...tried.map((t) => t.mean))})`,
        "a target inside the family's range",
      );
  }
  for (let w = Math.max(1, width - step + 1); w < width; w++) at(w);
  let best = tried[0]!;
  for (const t of tried) {
    const d = Math.abs(t.mean - target);
    const bestD = Math.abs(best.mean - target);
    if (d < bestD || (d === bestD && t.width < best.width)) best = t;
  }
  return { width: best.width, mean: best.mean, tried };
}

export interface TrainedPopulation extends WidthChoice {
  parameters: number;
  finalLoss: number;
  /** Exact per-fact pass rates of the chosen width's model. */
  passRates: number[];
}

export interface TrainedPopulationOptions extends WidthSearch {
  target: number;
  seed: number;
  steps?: number;
  lr?: number;
  /** Training frequency of each fact (FactMlp's `weights`); every fact equally often if absent. */
  frequencies?: readonly number[];
}

/** Trains FactMlps of increasing width on `facts` and keeps the one the width rule picks. */
export function trainedPopulation(
  facts: FactSet,
  options: TrainedPopulationOptions,
): TrainedPopulation {
  const models = new Map<number, { parameters: number; finalLoss: number; passRates: number[] }>();
  const choice = widthNearest(
    (width) => {
      const { seed, steps, lr, frequencies } = options;
      // With frequencies the loss weighs fact i's tokens by f_i: the full-batch gradient of a
      // corpus that repeats fact i f_i times.
      const model = new FactMlp(facts, { width, seed, steps, lr, weights: frequencies });
      const passRates = sequencePassRates(model, facts.answers);
      models.set(width, { parameters: model.parameters, finalLoss: model.finalLoss, passRates });
      return passRates.reduce((s, p) => s + p, 0) / passRates.length;
    },
    options.target,
    options,
  );
  return { ...choice, ...models.get(choice.width)! };
}
