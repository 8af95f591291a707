import { describe, expect, it } from "vitest";
import { bootstrap, powerLaw } from "../../src/fit/index.ts";
import { rng } from "../../src/data/random.ts";
import { logspace, withNoise } from "./synthetic.ts";

describe("bootstrap", () => {
  it("95% intervals cover the true exponent in at least 90 of 100 seeded trials", () => {
    const x = logspace(1, 1e3, 20);
    let covered = 0;
    for (let trial = 0; trial < 100; trial++) {
      const y = withNoise(
        x.map((v) => 2 * v ** -0.5),
        0.05,
        1000 + trial,
      );
      const { ci95 } = bootstrap({ model: powerLaw, x, y }, { resamples: 100, seed: trial });
      const [lo, hi] = ci95.alpha!;
      if (lo <= 0.5 && 0.5 <= hi) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(90);
  });

  it("a block bootstrap by group widens intervals when points of a group share an error", () => {
    // 8 runs of 10 checkpoints each; each run has its own offset, so checkpoints are not independent:
    // the offsets' share of the standard error of log A is σ/√8 by run, not σ/√80 by point. The
    // naive interval is also widened (×~1.85) by the slope's uncertainty at log x = 0, which the
    // block bootstrap lacks (the slope within a run is exact), so expect a ratio near √10/1.85 ≈ 1.7.
    const random = rng(42);
    const x: number[] = [];
    const y: number[] = [];
    const groups: number[] = [];
    for (let run = 0; run < 8; run++) {
      const offset = Math.exp(0.1 * random.normal());
      for (const v of logspace(1, 1e3, 10)) {
        x.push(v);
        y.push(3 * v ** -0.4 * offset * Math.exp(0.002 * random.normal()));
        groups.push(run);
      }
    }
    const spec = { model: powerLaw, x, y };
    const naive = bootstrap(spec, { resamples: 200, seed: 1 });
    const blocked = bootstrap(spec, { resamples: 200, seed: 1, groups });
    const width = (ci: [number, number]) => ci[1] - ci[0];
    expect(width(blocked.ci95.A!)).toBeGreaterThan(1.4 * width(naive.ci95.A!));
    expect(width(blocked.ci95.alpha!)).toBeLessThan(width(naive.ci95.alpha!));
    expect(blocked.samples.length).toBe(200);
  });

  it("is deterministic for a seed", () => {
    const x = logspace(1, 100, 12);
    const y = withNoise(
      x.map((v) => v ** -1),
      0.05,
      3,
    );
    const a = bootstrap({ model: powerLaw, x, y }, { resamples: 20, seed: 5 });
    const b = bootstrap({ model: powerLaw, x, y }, { resamples: 20, seed: 5 });
    expect(a.ci95).toEqual(b.ci95);
  });
});
