import { describe, expect, it } from "vitest";
import {
  exactMatch,
  exactMatchRate,
  tokenEditDistance,
  MetricError,
} from "../../src/metrics/index.ts";

describe("exactMatch", () => {
  it("compares token arrays element by element", () => {
    expect(exactMatch([1, 2, 3], [1, 2, 3])).toBe(1);
    expect(exactMatch([1, 2, 3], [1, 2, 4])).toBe(0);
    expect(exactMatch([1, 2], [1, 2, 3])).toBe(0);
    expect(exactMatch([], [])).toBe(1);
  });
  it("compares strings exactly", () => {
    expect(exactMatch("42", "42")).toBe(1);
    expect(exactMatch("42", "42 ")).toBe(0);
  });
  it("refuses to compare a string with a token array", () => {
    expect(() => exactMatch("12", [1, 2])).toThrow(/target/);
  });
  it("rates a batch and rejects empty or mismatched batches naming the argument", () => {
    expect(exactMatchRate([[1], [2], [3], [4]], [[1], [2], [0], [4]])).toBe(0.75);
    expect(() => exactMatchRate([], [])).toThrow(MetricError);
    expect(() => exactMatchRate([], [])).toThrow(/predictions/);
    expect(() => exactMatchRate([[1]], [[1], [2]])).toThrow(/targets/);
  });
});

describe("tokenEditDistance", () => {
  it("is the Levenshtein distance on tokens", () => {
    expect(tokenEditDistance([..."kitten"], [..."sitting"])).toBe(3);
    expect(tokenEditDistance([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(tokenEditDistance([1, 2, 3], [3, 2, 1])).toBe(2);
  });
  it("is the other length when one side is empty", () => {
    expect(tokenEditDistance([], [1, 2, 3])).toBe(3);
    expect(tokenEditDistance([7, 7], [])).toBe(2);
  });
  it("is symmetric and bounded by the longer length", () => {
    const a = [1, 5, 2, 2, 9, 4];
    const b = [5, 2, 8, 9];
    expect(tokenEditDistance(a, b)).toBe(tokenEditDistance(b, a));
    expect(tokenEditDistance(a, b)).toBeLessThanOrEqual(6);
  });
});
