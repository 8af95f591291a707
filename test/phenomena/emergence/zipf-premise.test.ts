import { describe, expect, it } from "vitest";
import {
  makeFacts,
  FactMlp,
  zipfWeights,
  drawByWeight,
  randomContexts,
  drawTokenItems,
  tokenItemPassRate,
  premiseCheck,
} from "../../../src/phenomena/emergence/index.ts";
import { seededUniform } from "../../../src/metrics/index.ts";

describe("Zipfian data", () => {
  it("normalises p_k ∝ k^−s", () => {
    const p = zipfWeights(100, 1.5);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[0]! / p[1]!).toBeCloseTo(2 ** 1.5, 12);
    expect(p[9]! / p[99]!).toBeCloseTo(10 ** 1.5, 9);
    expect(() => zipfWeights(0, 1.5)).toThrow(/count is 0/);
    expect(() => zipfWeights(10, 0)).toThrow(/exponent is 0/);
  });
  it("draws indices with the given probabilities", () => {
    const draws = drawByWeight([5, 3, 0, 2], 20_000, seededUniform(7));
    const share = (k: number) => draws.filter((d) => d === k).length / draws.length;
    expect(share(0)).toBeCloseTo(0.5, 1);
    expect(share(1)).toBeCloseTo(0.3, 1);
    expect(share(2)).toBe(0);
    expect(share(3)).toBeCloseTo(0.2, 1);
    expect(() => drawByWeight([], 3, seededUniform(1))).toThrow(/non-empty/);
    expect(() => drawByWeight([0, 0], 3, seededUniform(1))).toThrow(/sum to 0/);
  });
  it("gives every fact a code of distinct, sorted, in-range context units", () => {
    const codes = randomContexts(50, 16, 4, seededUniform(3));
    expect(codes).toHaveLength(50);
    for (const code of codes) {
      expect(new Set(code).size).toBe(4);
      expect([...code].sort((a, b) => a - b)).toEqual(code);
      for (const unit of code) expect(unit >= 0 && unit < 16).toBe(true);
    }
    expect(randomContexts(50, 16, 4, seededUniform(3))).toEqual(codes);
    expect(() => randomContexts(5, 4, 5, seededUniform(1))).toThrow(/active is 5/);
  });
  it("builds test items from (fact, position) draws and scores them as a product", () => {
    const items = drawTokenItems([0.9, 0.1], 200, 6, 4, seededUniform(5));
    expect(items).toHaveLength(200);
    const tokens = items.flat();
    expect(tokens).toHaveLength(1200);
    expect(tokens.every((t) => t.position >= 0 && t.position < 4)).toBe(true);
    expect(tokens.filter((t) => t.fact === 0).length / tokens.length).toBeCloseTo(0.9, 1);
    // A scorer that gives the right token probability 0.5 at position 0 and 0.8 elsewhere.
    const scorer = {
      logProb: (_f: number, position: number) => Math.log(position === 0 ? 0.5 : 0.8),
    };
    const item = [
      { fact: 0, position: 0 },
      { fact: 1, position: 2 },
      { fact: 0, position: 3 },
    ];
    expect(
      tokenItemPassRate(
        scorer,
        [
          [1, 2, 3, 4],
          [5, 6, 7, 8],
        ],
        item,
      ),
    ).toBeCloseTo(0.5 * 0.8 * 0.8, 12);
  });
});

describe("fact MLP on weighted facts with context codes", () => {
  const facts = makeFacts(64, 4, 8, 4);
  const codes = randomContexts(64, 32, 3, seededUniform(6));
  const ce = (model: FactMlp, k: number) =>
    -model.tokenLogProbs(k, facts.answers[k]!).reduce((a, b) => a + b, 0);
  it("shares its parameters through the codes and learns the frequent facts first", () => {
    const weights = zipfWeights(64, 2);
    const model = new FactMlp(facts, {
      width: 4,
      seed: 1,
      steps: 150,
      lr: 0.03,
      weights,
      contexts: { inputs: 32, codes },
    });
    // [32 context units → 4] + [4 → 4·8], with biases: no per-fact parameters.
    expect(model.parameters).toBe(32 * 4 + 4 + 4 * 32 + 32);
    const head = [0, 1, 2, 3].reduce((s, k) => s + ce(model, k), 0) / 4;
    const tail = [60, 61, 62, 63].reduce((s, k) => s + ce(model, k), 0) / 4;
    expect(head).toBeLessThan(tail / 4);
    expect(model.logProb(5, 2, facts.answers[5]![2]!)).toBe(
      model.tokenLogProbs(5, facts.answers[5]!)[2],
    );
  });
  it("rejects weights and codes that do not fit the facts", () => {
    expect(() => new FactMlp(facts, { width: 2, seed: 1, steps: 1, weights: [1, 2] })).toThrow(
      /weights has 2 entries/,
    );
    expect(
      () =>
        new FactMlp(facts, { width: 2, seed: 1, steps: 1, weights: facts.answers.map(() => 0) }),
    ).toThrow(/positive finite/);
    expect(
      () =>
        new FactMlp(facts, {
          width: 2,
          seed: 1,
          steps: 1,
          contexts: { inputs: 32, codes: [[1, 2], [3]] },
        }),
    ).toThrow(/contexts.codes has 2 codes/);
  });
});

describe("premise check", () => {
  const sizes = [1e3, 2e3, 4e3, 8e3, 1.6e4, 3.2e4, 6.4e4, 1.28e5];
  // Two items whose −log PU is L·CE(N); the check sees the mean of −log PU.
  const family = (lce: (n: number) => number) =>
    sizes.map((size) => ({ size, passRates: [Math.exp(-lce(size)), Math.exp(-lce(size))] }));
  it("passes a power-law loss and reports its slope", () => {
    const check = premiseCheck(family((n) => 40 * n ** -0.5));
    expect(check.holds).toBe(true);
    expect(check.lowerSlope).toBeCloseTo(-0.5, 9);
    expect(check.ratio).toBeCloseTo(1, 9);
    expect(check.adjacentSlopes).toHaveLength(7);
    expect(check.lossTimesLength[0]).toBeCloseTo(40 * 1e3 ** -0.5, 9);
  });
  it("fails a loss that steepens (accelerated emergence) or flattens (a ceiling ahead)", () => {
    const steepening = premiseCheck(family((n) => 8 * (1 - n / 1.5e5)));
    expect(steepening.ratio).toBeGreaterThan(1.5);
    expect(steepening.holds).toBe(false);
    const flattening = premiseCheck(family((n) => 0.3 + 40 * n ** -0.5));
    expect(flattening.ratio).toBeLessThan(2 / 3);
    expect(flattening.holds).toBe(false);
  });
  it("rejects too few members, bad pass rates and a tolerance ≤ 1", () => {
    const ok = family((n) => n ** -0.5);
    expect(() => premiseCheck(ok.slice(0, 3))).toThrow(/expected ≥ 4/);
    expect(() => premiseCheck(ok.map((m, j) => (j === 2 ? { ...m, passRates: [0] } : m)))).toThrow(
      /member 2/,
    );
    expect(() => premiseCheck(ok, 1)).toThrow(/tolerance is 1/);
  });
});
