import { describe, expect, it } from "vitest";
import {
  WeightedFactMlp,
  sequencePassRates,
  InferenceScalingError,
} from "../../../src/phenomena/inference-scaling/index.ts";
import { FactMlp, makeFacts } from "../../../src/phenomena/emergence/index.ts";

const facts = makeFacts(24, 4, 8, 3);
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe("WeightedFactMlp", () => {
  it("with equal frequencies trains like FactMlp (the weighted mean is the mean)", () => {
    const options = { width: 6, seed: 2, steps: 40, lr: 0.05 };
    const weighted = new WeightedFactMlp(facts, {
      ...options,
      frequencies: facts.answers.map(() => 7),
    });
    const plain = new FactMlp(facts, options);
    expect(weighted.parameters).toBe(plain.parameters);
    expect(weighted.finalLoss).toBeCloseTo(plain.finalLoss, 4);
    const a = sequencePassRates(weighted, facts.answers);
    const b = sequencePassRates(plain, facts.answers);
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-3);
  });

  it("stores frequent facts better than rare ones when capacity is short", () => {
    // Even facts are seen 50 times as often as odd ones; a width of 3 cannot hold all 24.
    const frequencies = facts.answers.map((_, i) => (i % 2 === 0 ? 50 : 1));
    const model = new WeightedFactMlp(facts, {
      width: 3,
      seed: 1,
      steps: 150,
      lr: 0.05,
      frequencies,
    });
    const rates = sequencePassRates(model, facts.answers);
    const frequent = mean(rates.filter((_, i) => i % 2 === 0));
    const rare = mean(rates.filter((_, i) => i % 2 === 1));
    expect(frequent).toBeGreaterThan(2 * rare);
  });

  it("rejects frequencies that do not match the facts", () => {
    expect(() => new WeightedFactMlp(facts, { width: 4, seed: 1, frequencies: [1, 2] })).toThrow(
      InferenceScalingError,
    );
    expect(
      () =>
        new WeightedFactMlp(facts, { width: 4, seed: 1, frequencies: facts.answers.map(() => 0) }),
    ).toThrow(/one positive frequency per fact/);
  });
});
