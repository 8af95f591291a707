// Per-sample statistics: accuracy, zero-loss share, logit norm and the margins around collapse.
import { describe, expect, it } from "vitest";
import { crossEntropy, tensor } from "../../../src/tensor/index.ts";
import { sampleStats } from "../../../src/phenomena/grokking/record.ts";

describe("sampleStats", () => {
  it("counts hits, exact-zero losses and the margins on each side of collapse", () => {
    // Row 0: right class 0 ahead by 40 (float32 loss rounds to 0); row 1: ahead by 3;
    // row 2: wrong (class 1 leads).
    const logits = tensor([40, 0, 0, 3, 0, 0, 0, 2, 1], [3, 3], { dtype: "f32" });
    const labels = Int32Array.from([0, 0, 2]);
    const losses = crossEntropy(logits, labels, { reduction: "none" });
    const s = sampleStats(logits, labels, losses);
    expect(s.trainAccuracy).toBeCloseTo(2 / 3, 12);
    expect(s.zeroLossShare).toBeCloseTo(1 / 3, 12);
    expect(s.zeroLossMinMargin).toBe(40);
    expect(s.positiveLossMaxMargin).toBe(3);
    expect(s.logitNorm).toBeCloseTo((40 + 3 + Math.sqrt(5)) / 3, 5);
  });

  it("reports null margins when a side is empty", () => {
    const logits = tensor([1, 0, 0, 1], [2, 2], { dtype: "f64" });
    const labels = Int32Array.from([0, 1]);
    const s = sampleStats(logits, labels, crossEntropy(logits, labels, { reduction: "none" }));
    expect(s.zeroLossShare).toBe(0);
    expect(s.zeroLossMinMargin).toBeNull();
    expect(s.positiveLossMaxMargin).toBe(1);
  });
});
