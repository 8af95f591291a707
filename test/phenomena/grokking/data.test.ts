// The modular-addition split: every pair exactly once, correct labels, seeded and stable.
import { describe, expect, it } from "vitest";
import { GrokkingError } from "../../../src/phenomena/grokking/errors.ts";
import { modularAddition } from "../../../src/phenomena/grokking/data.ts";

describe("modularAddition", () => {
  it("splits all p² pairs once, at ⌊fraction·p²⌋, with labels (a + b) mod p", () => {
    const d = modularAddition({ p: 7, trainFraction: 0.4, seed: 3 });
    expect(d.train.y.length).toBe(19);
    expect(d.test.y.length).toBe(49 - 19);
    const seen = new Set<number>();
    for (const s of [d.train, d.test])
      for (let i = 0; i < s.y.length; i++) {
        expect(s.y[i]).toBe((s.a[i]! + s.b[i]!) % 7);
        seen.add(s.a[i]! * 7 + s.b[i]!);
      }
    expect(seen.size).toBe(49);
  });

  it("is a function of the seed", () => {
    const a = modularAddition({ p: 11, trainFraction: 0.5, seed: 1 });
    const b = modularAddition({ p: 11, trainFraction: 0.5, seed: 1 });
    const c = modularAddition({ p: 11, trainFraction: 0.5, seed: 2 });
    expect(Array.from(a.train.a)).toEqual(Array.from(b.train.a));
    expect(Array.from(a.train.b)).toEqual(Array.from(b.train.b));
    expect(Array.from(a.train.a)).not.toEqual(Array.from(c.train.a));
  });

  it("rejects a split that leaves one side empty, naming the field", () => {
    expect(() => modularAddition({ p: 5, trainFraction: 0.01, seed: 0 })).toThrow(GrokkingError);
    expect(() => modularAddition({ p: 5, trainFraction: 1, seed: 0 })).toThrow(/trainFraction/);
    expect(() => modularAddition({ p: 1.5, trainFraction: 0.5, seed: 0 })).toThrow(
      /modularAddition\.p/,
    );
  });
});
