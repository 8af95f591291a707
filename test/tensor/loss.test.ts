// Cross-entropy's z-loss option (PaLM; Wortsman et al. 2023 §3.2): the value is CE + z·(log Z)²
// per sample, as composed from logsumexp; zLoss 0 is the plain loss bit for bit; bad settings
// are refused with the setting named. (Gradients: test/tensor/gradcheck.test.ts.)
import { describe, expect, it } from "vitest";
import { crossEntropy, logsumexp, makeRng, randn, TensorError } from "../../src/tensor/index.ts";

describe("crossEntropy with zLoss", () => {
  const logits = randn([6, 5], makeRng(3), { dtype: "f64", std: 4 });
  const targets = [0, 4, 2, 2, 1, 3];

  it("adds z·(log Z)² per sample to the cross-entropy", () => {
    const z = 0.05;
    const plain = crossEntropy(logits, targets, { reduction: "none" }).data;
    const withZ = crossEntropy(logits, targets, { reduction: "none", zLoss: z }).data;
    const logZ = logsumexp(logits, -1).data;
    for (let i = 0; i < 6; i++) expect(withZ[i]!).toBeCloseTo(plain[i]! + z * logZ[i]! ** 2, 12);
  });

  it("is the plain loss, values and gradients, when zLoss is 0", () => {
    const run = (options: { zLoss?: number }) => {
      const x = logits.detach();
      x.requiresGrad = true;
      const loss = crossEntropy(x.to("f32"), targets, options);
      loss.backward();
      return [loss.item(), ...Array.from(x.grad!)];
    };
    expect(run({ zLoss: 0 })).toEqual(run({}));
  });

  it("pulls log Z towards 0: its gradient along the all-ones direction is 2z·log Z per sample", () => {
    const x = logits.detach();
    x.requiresGrad = true;
    const z = 0.1;
    crossEntropy(x, targets, { zLoss: z, reduction: "sum" }).backward();
    const logZ = logsumexp(logits, -1).data;
    for (let i = 0; i < 6; i++) {
      const rowSum = Array.from(x.grad!.subarray(i * 5, i * 5 + 5)).reduce((a, b) => a + b, 0);
      // the cross-entropy part sums to 0 over a row (softmax − one-hot)
      expect(rowSum).toBeCloseTo(2 * z * logZ[i]!, 10);
    }
  });

  it("refuses a negative coefficient and z-loss with StableMax", () => {
    expect(() => crossEntropy(logits, targets, { zLoss: -1 })).toThrow(TensorError);
    expect(() => crossEntropy(logits, targets, { zLoss: -1 })).toThrow(/zLoss -1/);
    expect(() => crossEntropy(logits, targets, { zLoss: 1e-4, kind: "stablemax" })).toThrow(
      /stablemax/,
    );
  });
});
