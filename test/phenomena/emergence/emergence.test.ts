import { describe, expect, it } from "vitest";
import {
  mirageFamily,
  makeFacts,
  HashedFactModel,
  FactMlp,
  fitTaskLaw,
  predictInstanceLevel,
  drawMirageItems,
  itemPassRate,
  heldOutLawTest,
} from "../../../src/phenomena/emergence/index.ts";
import { emergenceScore, seededUniform } from "../../../src/metrics/index.ts";

describe("mirage family", () => {
  const gpt3 = [3.5e8, 1.3e9, 6.7e9, 1.75e11];
  it("puts CE = 0.1 at the largest size and EM = p^L", () => {
    const family = mirageFamily({ sizes: gpt3, alpha: -0.3, ceAtLargest: 0.1, answerLength: 10 });
    expect(family[3]!.crossEntropy).toBeCloseTo(0.1, 12);
    expect(family[0]!.exactMatch).toBeCloseTo(family[0]!.tokenProbability ** 10, 15);
    expect(family[0]!.editDistance).toBeCloseTo(10 * (1 - family[0]!.tokenProbability), 12);
  });
  it("reproduces the design's emergence scores (6.43 vs 3.10 at L = 10)", () => {
    const family = mirageFamily({ sizes: gpt3, alpha: -0.3, ceAtLargest: 0.1, answerLength: 10 });
    expect(emergenceScore(family.map((p) => p.exactMatch))).toBeCloseTo(6.43, 2);
    expect(emergenceScore(family.map((p) => -p.editDistance))).toBeCloseTo(3.1, 2);
  });
});

describe("hashed fact model", () => {
  const facts = makeFacts(200, 6, 8, 1);
  it("predicts a distribution over the vocabulary", () => {
    const model = new HashedFactModel(facts, 64, 1);
    const d = model.distribution(3, 2);
    expect(d).toHaveLength(8);
    expect(d.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(model.parameters).toBe(512);
  });
  it("recalls better with more buckets", () => {
    const ce = (B: number) => {
      const m = new HashedFactModel(facts, B, 1);
      return -facts.answers.reduce(
        (s, a, i) => s + m.tokenLogProbs(i, a).reduce((x, y) => x + y, 0),
        0,
      );
    };
    expect(ce(4096)).toBeLessThan(ce(256));
    expect(ce(256)).toBeLessThan(ce(16));
  });
  it("makes near-miss distractors that differ from the answer", () => {
    for (let i = 0; i < 20; i++) {
      for (const d of facts.distractors[i]!) expect(d).not.toEqual(facts.answers[i]);
    }
  });
});

describe("task scaling law", () => {
  it("recovers an exact law PU = exp(−c·N^−α)", () => {
    const points = [1e6, 1e7, 1e8, 1e9].map((size) => ({
      size,
      passRate: Math.exp(-50 * size ** -0.2),
    }));
    const law = fitTaskLaw(points);
    expect(law.slope).toBeCloseTo(-0.2, 9);
    expect(law.predict(1e10)).toBeCloseTo(Math.exp(-50 * 1e10 ** -0.2), 9);
  });
  it("gives item pass rates that follow the law exactly", () => {
    const [item] = drawMirageItems(1, { alpha: -0.3, ceAtReference: 0.1 }, seededUniform(1));
    const law = fitTaskLaw(
      [1e8, 1e9, 1e10].map((size) => ({ size, passRate: itemPassRate(item!, size, 10, 1e11) })),
    );
    expect(law.predict(1e11)).toBeCloseTo(itemPassRate(item!, 1e11, 10, 1e11), 9);
    expect(itemPassRate(item!, 1e11, 10, 1e11)).toBeCloseTo(
      Math.exp(-10 * item!.ceAtReference),
      12,
    );
  });
});

describe("instance-level prediction", () => {
  const sizes = [1e6, 1e7, 1e8];
  const law = (c: number, alpha: number) => (size: number) => Math.exp(-c * size ** -alpha);
  it("averages the items' own laws (not one law of the average)", () => {
    const laws = [law(50, 0.2), law(400, 0.4)];
    const items = laws.map((f) => sizes.map((size) => ({ size, passRate: f(size) })));
    const result = predictInstanceLevel(items, 1e9);
    expect(result.fitted).toBe(2);
    expect(result.fallback).toBe(0);
    expect(result.predicted).toBeCloseTo((laws[0]!(1e9) + laws[1]!(1e9)) / 2, 9);
    const aggregate = fitTaskLaw(
      sizes.map((size) => ({ size, passRate: (laws[0]!(size) + laws[1]!(size)) / 2 })),
    ).predict(1e9);
    expect(Math.abs(aggregate - result.predicted)).toBeGreaterThan(1e-3);
  });
  it("ignores censored runs and falls back to the last estimate below two resolved points", () => {
    const f = law(50, 0.2);
    const withCensored = [
      { size: 1e5, passRate: 0.5, censored: true },
      ...sizes.map((size) => ({ size, passRate: f(size) })),
    ];
    const fallback = [
      { size: 1e6, passRate: 0, censored: true },
      { size: 1e7, passRate: 2e-5, censored: true },
      { size: 1e8, passRate: 0.01 },
    ];
    const result = predictInstanceLevel([withCensored, fallback], 1e9);
    expect(result.fitted).toBe(1);
    expect(result.fallback).toBe(1);
    expect(result.predicted).toBeCloseTo((f(1e9) + 0.01) / 2, 9);
  });
  it("rejects an empty item list and an item without points", () => {
    expect(() => predictInstanceLevel([], 1e9)).toThrow(/non-empty/);
    expect(() => predictInstanceLevel([[]], 1e9)).toThrow(/item 0 has no points/);
  });
});

describe("fact MLP", () => {
  it("learns the facts when wide enough and reports its size", () => {
    const facts = makeFacts(16, 4, 8, 2);
    const narrow = new FactMlp(facts, { width: 1, seed: 1, steps: 60, lr: 0.05 });
    const wide = new FactMlp(facts, { width: 32, seed: 1, steps: 60, lr: 0.05 });
    // [16 keys → width] + [width → 4·8] with biases
    expect(wide.parameters).toBe(16 * 32 + 32 + 32 * 32 + 32);
    expect(wide.finalLoss).toBeLessThan(narrow.finalLoss);
    const correct = facts.answers.filter((a, i) =>
      wide.greedy(i).every((t, j) => t === a[j]),
    ).length;
    expect(correct).toBeGreaterThan(12);
    const lp = wide.tokenLogProbs(0, facts.answers[0]!);
    expect(lp).toHaveLength(4);
    for (const l of lp) expect(l).toBeLessThanOrEqual(0);
  });
});

describe("held-out law test", () => {
  const sizes = [1e8, 2e8, 4e8, 8e8, 1.6e9, 3.2e9];
  const items = drawMirageItems(
    40,
    { alpha: -0.3, ceAtReference: 0.1, alphaSpread: 0.1, logCeSpread: 0.3 },
    seededUniform(3),
  );
  const family = sizes.map((size) => ({
    size,
    passRates: items.map((it) => itemPassRate(it, size, 10, 3.2e9)),
  }));
  it("predicts a family whose items follow the law (exact values: no error at all)", () => {
    const test = heldOutLawTest(family, seededUniform(4), { r: 3, maxDraws: 100_000 });
    const truth = items.reduce((s, it) => s + itemPassRate(it, 3.2e9, 10, 3.2e9), 0) / items.length;
    expect(test.exact).toBeCloseTo(truth, 12);
    expect(test.members).toHaveLength(6);
    expect(test.instanceExactResolvedError).toBeCloseTo(0, 9);
    expect(Math.abs(test.error)).toBeLessThan(0.15);
    expect(test.fitted).toBeGreaterThan(30);
  });
  it("counts censored runs and keeps unresolved items out of the fits", () => {
    const hard = family.map((m) => ({ size: m.size, passRates: [...m.passRates, 1e-12] }));
    const test = heldOutLawTest(hard, seededUniform(5), { r: 3, maxDraws: 1000 });
    expect(test.members.every((m) => m.censored >= 1)).toBe(true);
    expect(test.fitted).toBeLessThan(41);
  });
  it("rejects too few members, ragged items and unsorted sizes", () => {
    const u = seededUniform(1);
    expect(() => heldOutLawTest(family.slice(0, 2), u)).toThrow(/expected ≥ 3/);
    const ragged = family.map((m, j) => (j === 2 ? { ...m, passRates: [0.5] } : m));
    expect(() => heldOutLawTest(ragged, u)).toThrow(/member 2 has 1 items/);
    expect(() => heldOutLawTest([...family].reverse(), u)).toThrow(/not larger/);
  });
});
