import { describe, expect, it } from "vitest";
import { makeRng } from "../../../src/tensor/index.ts";
import {
  adamState,
  initTanhNet,
  meanSquaredError,
  mseGradient,
  step,
} from "../../../src/phenomena/lr-annealing/mlp.ts";

function batch(count: number, dim: number, seed: number) {
  const random = makeRng(seed);
  const xs = Float64Array.from({ length: count * dim }, () => random.normal());
  const ys = Float64Array.from({ length: count }, () => random.normal());
  return { xs, ys };
}

describe("tanh network", () => {
  it("has the gradient of its mean squared error (central differences)", () => {
    const net = initTanhNet(3, 5, makeRng(1));
    const { xs, ys } = batch(7, 3, 2);
    const grad = new Float64Array(net.params.length);
    mseGradient(net, xs, ys, grad, { out: new Float64Array(7), hidden: new Float64Array(35) });
    const h = 1e-6;
    for (let i = 0; i < net.params.length; i++) {
      const keep = net.params[i]!;
      net.params[i] = keep + h;
      const up = meanSquaredError(net, xs, ys);
      net.params[i] = keep - h;
      const down = meanSquaredError(net, xs, ys);
      net.params[i] = keep;
      expect(grad[i]!).toBeCloseTo((up - down) / (2 * h), 6);
    }
  });

  it("lowers the loss with SGD and with Adam on a fixed batch", () => {
    for (const useAdam of [false, true]) {
      const net = initTanhNet(4, 8, makeRng(3));
      const { xs, ys } = batch(16, 4, 4);
      const grad = new Float64Array(net.params.length);
      const scratch = { out: new Float64Array(16), hidden: new Float64Array(128) };
      const adam = useAdam ? adamState(grad.length) : undefined;
      const before = meanSquaredError(net, xs, ys);
      for (let t = 0; t < 200; t++) {
        mseGradient(net, xs, ys, grad, scratch);
        step(net.params, grad, useAdam ? 0.01 : 0.05, adam);
      }
      expect(meanSquaredError(net, xs, ys)).toBeLessThan(0.8 * before);
    }
  });

  it("takes Adam's first step of size lr in every coordinate with a gradient", () => {
    const params = new Float64Array([1, 2, 3]);
    step(params, new Float64Array([0.5, -4, 0]), 0.1, adamState(3));
    expect(params[0]).toBeCloseTo(0.9, 6);
    expect(params[1]).toBeCloseTo(2.1, 6);
    expect(params[2]).toBe(3);
  });
});
