import { afterAll, describe, expect, it } from "vitest";
import { levenbergMarquardt } from "ml-levenberg-marquardt";
import { chinchilla, fitCurve, saturatingPowerLaw } from "../../src/fit/index.ts";
import { lastMultiStart, shutdownFitWorkers } from "../../src/fit/multistart.ts";
import { rng } from "../../src/data/random.ts";
import { logspace, withNoise } from "./synthetic.ts";

describe("the LM core", () => {
  it("reaches the optimum ml-levenberg-marquardt reaches (L2, linear space)", () => {
    const x = logspace(1, 1e4, 40);
    const y = withNoise(
      x.map((v) => 0.8 + 3 * v ** -0.45),
      0.02,
      5,
    );
    const ours = fitCurve({
      model: saturatingPowerLaw,
      x,
      y,
      space: "linear",
      init: { E: 1, A: 2, alpha: 0.3 },
    });
    const reference = levenbergMarquardt(
      { x, y },
      ([E, A, alpha]: number[]) =>
        (v: number) =>
          E! + A! * v ** -alpha!,
      {
        initialValues: [1, 2, 0.3],
        maxIterations: 2000,
        errorTolerance: 1e-14,
        gradientDifference: 1e-7,
        damping: 1e-3,
      },
    );
    const [E, A, alpha] = reference.parameterValues;
    expect(ours.params.E! / E! - 1).toBeCloseTo(0, 4);
    expect(ours.params.A! / A! - 1).toBeCloseTo(0, 4);
    expect(ours.params.alpha! / alpha! - 1).toBeCloseTo(0, 4);
    // Same objective: the library's error is Σ r², ours is ½ Σ r².
    expect(2 * ours.objective).toBeLessThanOrEqual(reference.parameterError * (1 + 1e-9));
    expect(ours.converged).toBe(true);
  });

  it("stops at a bound the unconstrained optimum lies beyond, and says it converged", () => {
    const x = logspace(1, 1e3, 30);
    const y = x.map((v) => 2 * v ** -0.8);
    const fit = fitCurve({
      model: "A * x^(-alpha)",
      x,
      y,
      init: { A: 1, alpha: 0.1 },
      bounds: { alpha: [0, 0.5] },
    });
    expect(fit.params.alpha).toBe(0.5);
    expect(fit.converged).toBe(true);
  });
});

describe("multi-start grids on worker threads", () => {
  afterAll(() => {
    delete process.env.TSNB_THREADS;
    shutdownFitWorkers();
  });

  it("give the same fit, bit for bit, as one thread", () => {
    const random = rng(11);
    const N: number[] = [];
    const D: number[] = [];
    for (let i = 0; i < 120; i++) {
      N.push(1e7 * Math.pow(1e3, random.uniform()));
      D.push(1e9 * Math.pow(1e2, random.uniform()));
    }
    const y = withNoise(
      N.map((n, i) => 1.69 + 406.4 / n ** 0.34 + 410.7 / D[i]! ** 0.28),
      0.01,
      12,
    );
    const init = {
      E: [0.5, 1, 2],
      A: [1, 1e3, 1e6],
      B: [1, 1e3, 1e6],
      alpha: [0.1, 0.5, 1],
      beta: [0.1, 0.5, 1],
    }; // 243 starts × 120 points: above the threshold for threads
    const spec = { model: chinchilla, x: { N, D }, y, init, loss: { huber: 1e-3 } } as const;
    process.env.TSNB_THREADS = "1";
    const single = fitCurve(spec);
    expect(lastMultiStart()).toEqual({ starts: 243, threads: 1, byWorkers: 0 });
    process.env.TSNB_THREADS = "2";
    fitCurve(spec); // the first grid starts the worker thread
    const threaded = fitCurve(spec);
    expect(lastMultiStart().threads).toBe(2);
    expect(lastMultiStart().byWorkers).toBeGreaterThan(0);
    expect(threaded.params).toEqual(single.params);
    expect(threaded.objective).toBe(single.objective);
    expect(threaded.starts).toEqual(single.starts);
    expect(single.starts.tried).toBe(243);
    expect(Math.abs(single.params.alpha! - 0.34)).toBeLessThan(0.05);
  });
});
