// The seeded generator: reproducible streams, uniform range, normal moments, permutations.
import { describe, expect, it } from "vitest";
import { makeRng, randn } from "../../src/tensor/index.ts";

describe("Rng", () => {
  it("repeats its stream for a seed and differs across seeds", () => {
    const r1 = makeRng(42);
    const r2 = makeRng(42);
    const r3 = makeRng(43);
    const s1 = Array.from({ length: 5 }, () => r1.uniform());
    expect(Array.from({ length: 5 }, () => r2.uniform())).toEqual(s1);
    expect(Array.from({ length: 5 }, () => r3.uniform())).not.toEqual(s1);
  });
  it("draws uniforms in [0, 1) and standard normals with mean 0 and variance 1", () => {
    const r = makeRng(1);
    const n = 200_000;
    let mu = 0;
    let sq = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      const z = r.normal();
      mu += z;
      sq += z * z;
    }
    expect(outside).toBe(0);
    expect(Math.abs(mu / n)).toBeLessThan(0.01);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.02);
  });
  it("permutes 0..n−1 and randn is reproducible", () => {
    const p = Array.from(makeRng(5).permutation(100)).sort((x, y) => x - y);
    expect(p).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(randn([4], makeRng(8)).data)).toEqual(
      Array.from(randn([4], makeRng(8)).data),
    );
  });
});
