import { describe, expect, it } from "vitest";
import {
  bitsPerFact,
  bitsStored,
  coverSeparableFraction,
  makeKnowledgeBase,
  plateau,
  quantiseColumns,
  quantiseValues,
  trainMemoriser,
  withQuantisedWeights,
} from "../../../src/phenomena/knowledge-capacity/index.ts";

describe("knowledge base", () => {
  it("holds keys · attributes · log2 values bits, with ±1 codes and labels in range", () => {
    const kb = makeKnowledgeBase({ keys: 10, attributes: 3, values: 4, codeDim: 5, seed: 2 });
    expect(kb.bits).toBe(10 * 3 * 2);
    expect([...kb.codes].every((c) => c === 1 || c === -1)).toBe(true);
    expect([...kb.labels].every((l) => l >= 0 && l < 4)).toBe(true);
    expect(() => makeKnowledgeBase({ keys: 0 })).toThrow(/keys = 0/);
  });
});

describe("memoriser", () => {
  it("stores no bits when untrained-uniform and most of a small table after training", () => {
    const kb = makeKnowledgeBase({ keys: 8, attributes: 2, values: 4, codeDim: 8, seed: 1 });
    const { model, params } = trainMemoriser(kb, { hidden: 16, exposures: 300, lr: 0.03, seed: 1 });
    expect(params).toBe(9 * 16 + 17 * 8);
    const bits = bitsStored(model, kb);
    expect(bits).toBeGreaterThan(0.9 * kb.bits);
    expect(bits).toBeLessThanOrEqual(kb.bits + 1e-9);
    expect(bitsPerFact(model, kb).length).toBe(16);
  });

  it("restores the trained weights after measuring a quantised copy", () => {
    const kb = makeKnowledgeBase({ keys: 8, attributes: 2, values: 4, codeDim: 8, seed: 3 });
    const { model } = trainMemoriser(kb, { hidden: 8, exposures: 20, seed: 3 });
    const before = bitsStored(model, kb);
    const int4 = withQuantisedWeights(model, "int4", () => bitsStored(model, kb));
    expect(int4).not.toBe(before);
    expect(bitsStored(model, kb)).toBe(before);
  });
});

describe("weight quantisation", () => {
  it("rounds each column to a symmetric grid of its own absmax", () => {
    // 2 × 2, columns [1, −0.3] and [0.2, 0.05]; int4 has 7 levels per side.
    const q = quantiseColumns([1, 0.2, -0.3, 0.05], 2, 7);
    expect(q[0]).toBeCloseTo(1);
    expect(q[2]).toBeCloseTo(-2 / 7);
    expect(q[1]).toBeCloseTo(0.2);
    expect(q[3]).toBeCloseTo((0.2 / 7) * 2);
  });

  it("keeps values exact in bf16/f16 when representable and names unknown formats", () => {
    expect([...quantiseValues([0.5, -2], [2], "bf16")]).toEqual([0.5, -2]);
    expect([...quantiseValues([0.1], [1], "f16")][0]).toBeCloseTo(0.1, 3);
    expect(Math.max(...quantiseValues([448, 1], [2], "fp8-e4m3"))).toBe(448);
    expect(() => quantiseValues([1], [1], "int2" as never)).toThrow(/int2/);
  });
});

describe("plateau and Cover's count", () => {
  it("averages sizes and brackets the mean with the bootstrap", () => {
    const p = plateau(
      [
        [1, 1.2],
        [2, 2.2],
      ],
      { seed: 1 },
    );
    expect(p.mean).toBeCloseTo(1.6);
    expect(p.ci95[0]).toBeLessThanOrEqual(p.mean);
    expect(p.ci95[1]).toBeGreaterThanOrEqual(p.mean);
  });

  it("gives one half at N = 2d and all labellings for N ≤ d", () => {
    expect(coverSeparableFraction(64, 32)).toBeCloseTo(0.5, 12);
    expect(coverSeparableFraction(10, 10)).toBeCloseTo(1, 12);
    expect(coverSeparableFraction(200, 32)).toBeLessThan(1e-10);
  });
});
