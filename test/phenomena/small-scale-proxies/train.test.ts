// trainProxy: a pure function of its options; it learns the copy task at a moderate rate; with
// qk-layernorm its logits respect the gain bound; z-loss is the only difference between the two
// qk-layernorm variants.
import { describe, expect, it } from "vitest";
import { trainProxy, ProxyError } from "../../../src/index.ts";

const small = { dModel: 16, half: 4, vocab: 8, batch: 16, steps: 60, warmup: 10 };

describe("trainProxy", () => {
  it("gives the same numbers for the same options, other numbers for another seed", () => {
    const a = trainProxy({ ...small, lr: 1e-2, steps: 10 });
    const b = trainProxy({ ...small, lr: 1e-2, steps: 10 });
    const c = trainProxy({ ...small, lr: 1e-2, steps: 10, seed: 2 });
    expect(b.final).toEqual(a.final);
    expect(b.history).toEqual(a.history);
    expect(c.final.loss).not.toBe(a.final.loss);
  });

  it("learns the copy at a moderate learning rate, from about ln V towards the floor", () => {
    const r = trainProxy({ ...small, lr: 3e-2 });
    expect(r.initial.loss).toBeGreaterThan(Math.log(8) - 0.2);
    expect(r.final.loss).toBeLessThan(r.initial.loss - 0.3);
    expect(r.diverged).toBe(false);
    expect(r.history[0]!.step).toBe(1);
  });

  it("keeps every qk-layernorm logit within max|γ_q|·max|γ_k|·√d_head, even at LR 1", () => {
    for (const variant of ["qk-layernorm", "qk-layernorm + z-loss"] as const) {
      const r = trainProxy({ ...small, lr: 1, variant, steps: 30 });
      expect(r.final.maxLogit).toBeLessThanOrEqual(r.qGain * r.kGain * Math.sqrt(r.dHead));
    }
    expect(Number.isNaN(trainProxy({ ...small, lr: 1e-2, steps: 2 }).qGain)).toBe(true);
  });

  it("differs between the qk-layernorm variants only through z-loss", () => {
    const opts = { ...small, lr: 3e-2, steps: 20 };
    const noZ = trainProxy({ ...opts, variant: "qk-layernorm" });
    const zeroZ = trainProxy({ ...opts, variant: "qk-layernorm + z-loss", zLoss: 0 });
    const withZ = trainProxy({ ...opts, variant: "qk-layernorm + z-loss", zLoss: 0.1 });
    expect(zeroZ.final).toEqual(noZ.final);
    expect(withZ.final.logZ).toBeLessThan(noZ.final.logZ);
  });

  it("keeps the held-out logits only when asked", () => {
    expect(trainProxy({ ...small, lr: 1e-2, steps: 2 }).logits).toBeUndefined();
    const r = trainProxy({ ...small, lr: 1e-2, steps: 2, keepLogits: true });
    expect(r.logits!.shape).toEqual([256 * 3, 8]);
  });

  it("refuses a learning rate that is not positive", () => {
    expect(() => trainProxy({ lr: 0 })).toThrow(ProxyError);
  });
});
