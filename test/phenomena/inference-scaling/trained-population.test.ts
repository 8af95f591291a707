import { describe, expect, it } from "vitest";
import {
  sequencePassRates,
  widthNearest,
  trainedPopulation,
  InferenceScalingError,
} from "../../../src/phenomena/inference-scaling/index.ts";
import { FactMlp, makeFacts } from "../../../src/phenomena/emergence/index.ts";

describe("sequencePassRates", () => {
  it("multiplies the token probabilities of each fact's answer", () => {
    const scorer = {
      tokenLogProbs: (fact: number, answer: readonly number[]) =>
        answer.map(() => Math.log(0.5 / (fact + 1))),
    };
    const rates = sequencePassRates(scorer, [
      [0, 0],
      [1, 1, 1],
    ]);
    expect(rates[0]).toBeCloseTo(0.25, 15);
    expect(rates[1]).toBeCloseTo(0.25 ** 3, 15);
  });
});

describe("widthNearest", () => {
  it("climbs the ladder to the first crossing, fills in the rung below and keeps the nearest", () => {
    const calls: number[] = [];
    const choice = widthNearest((w) => (calls.push(w), w / 100), 0.159);
    expect(choice.tried.map((t) => t.width)).toEqual([4, 8, 12, 16, 13, 14, 15]);
    expect(calls).toEqual([4, 8, 12, 16, 13, 14, 15]);
    expect(choice.width).toBe(16);
    expect(choice.mean).toBeCloseTo(0.16, 15);
  });

  it("can pick a width below the crossing, and breaks ties towards the narrower", () => {
    expect(widthNearest((w) => w / 100, 0.151).width).toBe(15);
    // Widths 13, 14, 15 and 16 are all exactly 0.25 from 0.5 (exact in binary): 13 wins.
    const means = new Map([
      [4, 0],
      [8, 0.125],
      [12, 0.125],
      [16, 0.75],
      [13, 0.25],
      [14, 0.25],
      [15, 0.25],
    ]);
    expect(widthNearest((w) => means.get(w)!, 0.5, { start: 4, step: 4 }).width).toBe(13);
  });

  it("looks below the first rung when it already reaches the target", () => {
    const choice = widthNearest((w) => w / 10, 0.21, { start: 4, step: 4 });
    expect(choice.tried.map((t) => t.width)).toEqual([4, 1, 2, 3]);
    expect(choice.width).toBe(2);
  });

  it("says so when no width reaches the target", () => {
    expect(() => widthNearest(() => 0.01, 0.159, { max: 40 })).toThrow(InferenceScalingError);
    expect(() => widthNearest(() => 0.01, 0.159, { max: 40 })).toThrow(/no width up to 40/);
  });
});

describe("trainedPopulation", () => {
  it("trains FactMlps up the ladder and returns the chosen width's exact pass rates", () => {
    const facts = makeFacts(24, 4, 8, 3);
    const population = trainedPopulation(facts, {
      target: 0.5,
      seed: 1,
      steps: 60,
      lr: 0.05,
      start: 1,
      step: 2,
    });
    expect(population.passRates).toHaveLength(24);
    const mean = population.passRates.reduce((s, p) => s + p, 0) / 24;
    expect(population.mean).toBeCloseTo(mean, 12);
    for (const t of population.tried)
      expect(Math.abs(population.mean - 0.5)).toBeLessThanOrEqual(Math.abs(t.mean - 0.5));
    expect(population.tried.some((t) => t.mean >= 0.5)).toBe(true);
    expect(population.parameters).toBe(
      24 * population.width + population.width + population.width * 32 + 32,
    );
    for (const p of population.passRates)
      (expect(p).toBeGreaterThanOrEqual(0), expect(p).toBeLessThanOrEqual(1));
  });

  it("trains with the frequencies as FactMlp weights when they are given", () => {
    const facts = makeFacts(24, 4, 8, 3);
    const options = { seed: 1, steps: 60, lr: 0.05, frequencies: facts.frequencies };
    const population = trainedPopulation(facts, { ...options, target: 0.5, start: 1, step: 2 });
    const direct = sequencePassRates(
      new FactMlp(facts, {
        seed: 1,
        steps: 60,
        lr: 0.05,
        weights: facts.frequencies,
        width: population.width,
      }),
      facts.answers,
    );
    expect(population.passRates).toEqual(direct);
  });
});
