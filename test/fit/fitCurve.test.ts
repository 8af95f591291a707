import { describe, expect, it } from "vitest";
import {
  annealingAreas,
  annealingLaw,
  brokenPowerLaw,
  chinchilla,
  fitCurve,
  powerLaw,
  saturatingPowerLaw,
} from "../../src/fit/index.ts";
import { rng } from "../../src/data/random.ts";
import { logspace, withNoise } from "./synthetic.ts";

describe("fitCurve recovers known parameters from noisy data", () => {
  it("powerLaw, from a poor start", () => {
    const x = logspace(1, 1e4, 30);
    const y = withNoise(
      x.map((v) => 5 * v ** -0.4),
      0.01,
      1,
    );
    const fit = fitCurve({ model: powerLaw, x, y, init: { A: 1e6, alpha: 3 } });
    expect(fit.params.alpha).toBeCloseTo(0.4, 1);
    expect(Math.abs(fit.params.alpha! - 0.4)).toBeLessThan(0.01);
    expect(Math.abs(fit.params.A! / 5 - 1)).toBeLessThan(0.05);
    expect(fit.converged).toBe(true);
  });

  it("saturatingPowerLaw, from a poor start", () => {
    const x = logspace(10, 1e6, 40);
    const y = withNoise(
      x.map((v) => 1.5 + 20 * v ** -0.5),
      0.005,
      2,
    );
    const fit = fitCurve({ model: saturatingPowerLaw, x, y, init: { E: 10, A: 0.01, alpha: 2 } });
    expect(Math.abs(fit.params.alpha! - 0.5)).toBeLessThan(0.03);
    expect(Math.abs(fit.params.E! - 1.5)).toBeLessThan(0.05);
  });

  it("chinchilla, from the default grid and from a poor start", () => {
    const random = rng(3);
    const N: number[] = [];
    const D: number[] = [];
    for (let i = 0; i < 120; i++) {
      const n = 1e7 * Math.pow(1e3, random.uniform());
      N.push(n);
      D.push(n * 2 * Math.pow(100, random.uniform()));
    }
    const truth = (n: number, d: number) => 1.69 + 406.4 / n ** 0.34 + 410.7 / d ** 0.28;
    const y = withNoise(
      N.map((n, i) => truth(n, D[i]!)),
      0.003,
      4,
    );
    for (const init of [undefined, { E: 5, A: 1e6, B: 10, alpha: 1, beta: 0.1 }]) {
      const fit = fitCurve({ model: chinchilla, x: { N, D }, y, ...(init ? { init } : {}) });
      expect(Math.abs(fit.params.alpha! - 0.34)).toBeLessThan(0.03);
      expect(Math.abs(fit.params.beta! - 0.28)).toBeLessThan(0.03);
      expect(Math.abs(fit.params.E! - 1.69)).toBeLessThan(0.1);
    }
  });

  it("brokenPowerLaw, a bend from slope −0.2 to −1.0", () => {
    const x = logspace(1, 1e6, 60);
    const f = (v: number) => 0.05 + 10 * v ** -0.2 * (1 + (v / 1e3) ** (1 / 0.3)) ** (-0.8 * 0.3);
    const y = withNoise(x.map(f), 0.003, 5);
    const fit = fitCurve({ model: brokenPowerLaw, x, y });
    expect(Math.abs(fit.params.alpha! - 0.2)).toBeLessThan(0.05);
    expect(Math.abs(fit.params.beta! - 0.8)).toBeLessThan(0.1);
    expect(Math.abs(Math.log10(fit.params.xb!) - 3)).toBeLessThan(0.2);
  });

  it("annealingLaw, on a constant and a cosine schedule, from poor starts", () => {
    const steps = 2000;
    const constant = Array.from({ length: steps }, () => 0.05);
    const cosine = constant.map((lr, i) => 0.5 * lr * (1 + Math.cos((Math.PI * i) / steps)));
    const S1: number[] = [];
    const S2: number[] = [];
    for (const lrs of [constant, cosine]) {
      const areas = annealingAreas(lrs, 0.999);
      for (let s = 49; s < steps; s += 50) {
        S1.push(areas.S1[s]!);
        S2.push(areas.S2[s]!);
      }
    }
    const law = (s1: number, s2: number) => 0.8 + 1.2 * s1 ** -0.6 - 0.02 * s2;
    const y = withNoise(
      S1.map((s1, i) => law(s1, S2[i]!)),
      0.002,
      6,
    );
    const fit = fitCurve({
      model: annealingLaw,
      x: { S1, S2 },
      y,
      init: { L0: 3, A: 10, alpha: 2, C: 0 },
    });
    expect(Math.abs(fit.params.alpha! - 0.6)).toBeLessThan(0.05);
    expect(Math.abs(fit.params.C! / 0.02 - 1)).toBeLessThan(0.1);
  });

  it("an expression string with several inputs, in linear space", () => {
    const random = rng(7);
    const u = Array.from({ length: 50 }, () => 1 + 9 * random.uniform());
    const v = Array.from({ length: 50 }, () => 1 + 9 * random.uniform());
    const y = u.map((a, i) => 2 * a - 3 * Math.log(v[i]!) + 0.01 * random.normal());
    const fit = fitCurve({
      model: "p * u + q * log(v)",
      x: { u, v },
      y,
      init: { p: 0, q: 0 },
      space: "linear",
    });
    expect(fit.params.p).toBeCloseTo(2, 2);
    expect(fit.params.q).toBeCloseTo(-3, 1);
    expect(fit.predict({ u: [1], v: [1] })[0]).toBeCloseTo(fit.params.p!, 10);
  });
});

describe("fitCurve with Huber loss", () => {
  it("ignores outliers that pull a least-squares fit away", () => {
    const x = logspace(1, 1e4, 40);
    const clean = withNoise(
      x.map((v) => 3 + 30 * v ** -0.5),
      0.002,
      8,
    );
    const y = clean.map((v, i) => (i === 30 || i === 34 || i === 38 ? v * 1.5 : v));
    const l2 = fitCurve({ model: saturatingPowerLaw, x, y });
    const huber = fitCurve({ model: saturatingPowerLaw, x, y, loss: { huber: 1e-3 } });
    expect(Math.abs(huber.params.alpha! - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(huber.params.E! - 3)).toBeLessThan(0.02);
    expect(Math.abs(l2.params.E! - 3)).toBeGreaterThan(0.1);
  });

  it("reports how many starts of a grid reached the best objective", () => {
    const x = logspace(1, 1e4, 20);
    const y = withNoise(
      x.map((v) => 1 + 10 * v ** -0.3),
      0.01,
      9,
    );
    const fit = fitCurve({
      model: saturatingPowerLaw,
      x,
      y,
      init: { E: [0.5, 1, 2], A: [1, 10, 100], alpha: [0.1, 1] },
    });
    expect(fit.starts.tried).toBe(18);
    expect(fit.starts.reachedBest).toBeGreaterThanOrEqual(1);
    expect(fit.starts.reachedBest).toBeLessThanOrEqual(18);
  });
});
