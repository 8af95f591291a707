import { describe, expect, it } from "vitest";
import { computeOptimal } from "../../src/fit/index.ts";

describe("computeOptimal", () => {
  const hoffmann = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };

  it("spends the budget: 6·N*·D* = C", () => {
    const { N, D } = computeOptimal(hoffmann, 5.76e23);
    expect((6 * N * D) / 5.76e23).toBeCloseTo(1, 10);
  });

  it("is the minimum of the loss along the compute budget", () => {
    const C = 1e21;
    const opt = computeOptimal(hoffmann, C);
    const loss = (n: number) =>
      hoffmann.E + hoffmann.A / n ** hoffmann.alpha + hoffmann.B / (C / 6 / n) ** hoffmann.beta;
    expect(loss(opt.N)).toBeCloseTo(opt.loss!, 12);
    expect(loss(opt.N * 1.05)).toBeGreaterThan(opt.loss!);
    expect(loss(opt.N / 1.05)).toBeGreaterThan(opt.loss!);
  });

  it("splits evenly when the two terms are symmetric", () => {
    const { N, D, tokensPerParam } = computeOptimal(
      { A: 100, B: 100, alpha: 0.3, beta: 0.3 },
      6e20,
    );
    expect(N).toBeCloseTo(1e10, -2);
    expect(D).toBeCloseTo(1e10, -2);
    expect(tokensPerParam).toBeCloseTo(1, 10);
  });
});
