import { describe, expect, it } from "vitest";
import {
  brierScore,
  choiceProbabilities,
  multipleChoiceGrade,
  aggregateLogLikelihood,
  corpusCrossEntropy,
} from "../../src/metrics/index.ts";

describe("multipleChoiceGrade", () => {
  it("is 1 only when the correct choice scores strictly highest", () => {
    expect(multipleChoiceGrade([-1, -2, -3], 0)).toBe(1);
    expect(multipleChoiceGrade([-1, -2, -3], 1)).toBe(0);
    expect(multipleChoiceGrade([-1, -1, -3], 0)).toBe(0);
  });
  it("rejects empty scores and out-of-range answers", () => {
    expect(() => multipleChoiceGrade([], 0)).toThrow(/scores/);
    expect(() => multipleChoiceGrade([0.1, 0.9], 2)).toThrow(/correct/);
  });
});

describe("brierScore", () => {
  it("matches the hand-computed multi-class value", () => {
    expect(brierScore([0.7, 0.2, 0.1], 0)).toBeCloseTo(0.14, 12);
    expect(brierScore([0, 1], 0)).toBe(2);
    expect(brierScore([1, 0, 0, 0], 0)).toBe(0);
  });
  it("rejects non-distributions", () => {
    expect(() => brierScore([0.5, 0.6], 0)).toThrow(/summing to 1/);
    expect(() => brierScore([], 0)).toThrow(/probabilities/);
  });
});

describe("choiceProbabilities", () => {
  it("softmaxes log-probabilities stably", () => {
    const p = choiceProbabilities([Math.log(0.2), Math.log(0.6)]);
    expect(p[0]).toBeCloseTo(0.25, 12);
    expect(p[1]).toBeCloseTo(0.75, 12);
    const q = choiceProbabilities([-1000, -1001]);
    expect(q[0]! + q[1]!).toBeCloseTo(1, 12);
  });
});

describe("aggregateLogLikelihood", () => {
  it("sums, averages and exponentiates per-token log-probabilities", () => {
    const s = aggregateLogLikelihood([Math.log(0.5), Math.log(0.25)]);
    expect(s.sum).toBeCloseTo(Math.log(0.125), 12);
    expect(s.mean).toBeCloseTo(Math.log(0.125) / 2, 12);
    expect(s.perplexity).toBeCloseTo(Math.sqrt(8), 12);
    expect(s.sequenceProbability).toBeCloseTo(0.125, 12);
  });
  it("rejects empty input and positive log-probabilities", () => {
    expect(() => aggregateLogLikelihood([])).toThrow(/tokenLogProbs/);
    expect(() => aggregateLogLikelihood([0.3])).toThrow(/≤ 0/);
  });
  it("weights sequences by their token counts in the corpus cross-entropy", () => {
    expect(
      corpusCrossEntropy([[Math.log(0.5)], [Math.log(0.25), Math.log(0.25), Math.log(0.25)]]),
    ).toBeCloseTo((Math.log(2) + 3 * Math.log(4)) / 4, 12);
  });
});
