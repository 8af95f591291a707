// The noisy copy task: batches have the documented layout, the copy rate is pCopy, and the
// oracle's loss on a large sample meets the closed-form floor.
import { describe, expect, it } from "vitest";
import {
  copyBatch,
  copyLossFloor,
  copyOracleLoss,
  makeRng,
  ProxyError,
} from "../../../src/index.ts";

const task = { vocab: 32, half: 6, pCopy: 0.7 };

describe("copyBatch", () => {
  it("lays out sequences x₁…x_H y₁…y_{H−1} with loss positions predicting y₂…y_H", () => {
    const b = copyBatch(task, 5, makeRng(1));
    const T = 2 * task.half - 1;
    expect(b.seqLen).toBe(T);
    expect(b.tokens.length).toBe(5 * T);
    expect(b.positions.length).toBe(5 * (task.half - 1));
    for (let i = 0; i < b.positions.length; i++) {
      const pos = b.positions[i]!;
      expect(pos % T).toBeGreaterThanOrEqual(task.half);
      // the target is the next token of the sequence (the last one is not among the inputs)
      if (pos % T < T - 1) expect(b.targets[i]).toBe(b.tokens[pos + 1]);
    }
  });

  it("copies each token with probability pCopy + (1 − pCopy)/U and draws only the used tokens", () => {
    const o = { ...task, vocab: 512, used: 8 };
    const b = copyBatch(o, 4000, makeRng(2));
    let same = 0;
    for (let i = 0; i < b.positions.length; i++)
      if (b.targets[i] === b.tokens[b.positions[i]! - (o.half - 1)]) same++;
    expect(same / b.positions.length).toBeCloseTo(0.7 + 0.3 / 8, 2);
    expect(Math.max(...b.tokens)).toBeLessThan(8);
  });

  it("is reproducible from its generator", () => {
    expect(copyBatch(task, 3, makeRng(5)).tokens).toEqual(copyBatch(task, 3, makeRng(5)).tokens);
  });

  it("refuses a setting it cannot honour, naming it", () => {
    expect(() => copyBatch({ ...task, used: 40 }, 1, makeRng(1))).toThrow(ProxyError);
    expect(() => copyBatch({ ...task, half: 1 }, 1, makeRng(1))).toThrow(/half = 1/);
    expect(() => copyLossFloor({ ...task, pCopy: 1.5 })).toThrow(/pCopy/);
  });
});

describe("the loss floor", () => {
  it("is the entropy of the copy given its source: 0 for an exact copy, ln U for none", () => {
    expect(copyLossFloor({ ...task, pCopy: 1 })).toBeCloseTo(0, 15);
    expect(copyLossFloor({ ...task, pCopy: 0 })).toBeCloseTo(Math.log(32), 12);
    expect(copyLossFloor({ ...task, pCopy: 0.7 })).toBeCloseTo(1.6007, 4);
  });

  it("is met by the oracle's loss on a large sample", () => {
    const b = copyBatch(task, 20_000, makeRng(3));
    expect(Math.abs(copyOracleLoss(task, b) - copyLossFloor(task))).toBeLessThan(0.015);
  });
});
