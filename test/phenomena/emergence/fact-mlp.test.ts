// FactMlp's `weights`: a weighted mean of the per-token losses, i.e. the full-batch gradient of a
// corpus that repeats fact i w_i times (the inference-scaling page's long-tailed corpus).
import { describe, expect, it } from "vitest";
import { FactMlp, makeFacts } from "../../../src/phenomena/emergence/index.ts";

const facts = makeFacts(24, 4, 8, 3);
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const passRates = (model: FactMlp) =>
  facts.answers.map((answer, i) =>
    Math.exp(model.tokenLogProbs(i, answer).reduce((s, l) => s + l, 0)),
  );

describe("FactMlp with weights", () => {
  it("equal weights train like the plain mean", () => {
    const options = { width: 6, seed: 2, steps: 40, lr: 0.05 };
    const weighted = new FactMlp(facts, { ...options, weights: facts.answers.map(() => 7) });
    const plain = new FactMlp(facts, options);
    expect(weighted.parameters).toBe(plain.parameters);
    expect(weighted.finalLoss).toBeCloseTo(plain.finalLoss, 4);
    const a = passRates(weighted);
    const b = passRates(plain);
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-3);
  });

  it("stores frequent facts better than rare ones when capacity is short", () => {
    // Even facts are seen 50 times as often as odd ones; a width of 3 cannot hold all 24.
    const weights = facts.answers.map((_, i) => (i % 2 === 0 ? 50 : 1));
    const rates = passRates(
      new FactMlp(facts, { width: 3, seed: 1, steps: 150, lr: 0.05, weights }),
    );
    const frequent = mean(rates.filter((_, i) => i % 2 === 0));
    const rare = mean(rates.filter((_, i) => i % 2 === 1));
    expect(frequent).toBeGreaterThan(2 * rare);
  });
});
