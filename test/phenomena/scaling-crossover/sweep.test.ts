import { describe, expect, it } from "vitest";
import { ridgeCrossoverSweep } from "../../../src/phenomena/scaling-crossover/sweep.ts";

describe("ridge crossover sweep", () => {
  const options = {
    P: 20,
    d: 4,
    hidden: 8,
    sizes: [10, 20, 40, 80, 640],
    lambdas: [0, 1e-4, 1e-2],
    tuningDraws: 2,
    evalDraws: 3,
    testSize: 500,
  };

  it("tunes λ* at n = P, re-tunes at every size, and scores the three readouts on paired draws", () => {
    const sweep = ridgeCrossoverSweep(options);
    expect(sweep.tuning).toHaveLength(3);
    expect(sweep.tuning[0]).toHaveLength(5);
    const atP = sweep.tuning.map((row) => row[1]!);
    expect(sweep.lambdaStar).toBe(sweep.lambdas[atP.indexOf(Math.min(...atP))]);
    expect(sweep.lambdaRetuned[1]).toBe(sweep.lambdaStar);
    for (const rows of [sweep.ridgeless, sweep.fixed, sweep.retuned]) {
      expect(rows).toHaveLength(3);
      for (const row of rows) expect(row).toHaveLength(5);
    }
    // Where the re-tuned penalty is 0 the re-tuned readout is the ridgeless one.
    sweep.lambdaRetuned.forEach((lambda, i) => {
      if (lambda === 0)
        sweep.retuned.forEach((row, e) => expect(row[i]).toBe(sweep.ridgeless[e]![i]));
    });
    // The interpolation peak: ridgeless is worst at n = P.
    const mean = (i: number) => sweep.ridgeless.reduce((s, row) => s + row[i]!, 0) / 3;
    expect(mean(1)).toBeGreaterThan(mean(4));
  });

  it("is reproducible from its seed and needs n = P among the sizes", () => {
    const small = { ...options, sizes: [10, 20, 40], tuningDraws: 1, evalDraws: 2 };
    expect(ridgeCrossoverSweep({ ...small, seed: 4 })).toEqual(
      ridgeCrossoverSweep({ ...small, seed: 4 }),
    );
    expect(() => ridgeCrossoverSweep({ ...small, sizes: [10, 40] })).toThrow(/no n = P = 20/);
    expect(() => ridgeCrossoverSweep({ ...small, sizes: [20, 10] })).toThrow(/increasing/);
  });
});
