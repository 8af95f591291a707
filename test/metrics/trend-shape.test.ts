import { describe, expect, it } from "vitest";
import { classifyTrend, isotonicIncreasing, unimodalFit } from "../../src/metrics/index.ts";

const sizes = (n: number) => Array.from({ length: n }, (_, i) => 2 ** i);

describe("isotonic regression", () => {
  it("pools adjacent violators", () => {
    expect(isotonicIncreasing([1, 3, 2, 4])).toEqual([1, 2.5, 2.5, 4]);
    expect(isotonicIncreasing([3, 2, 1])).toEqual([2, 2, 2]);
  });
  it("finds the best single-peak fit", () => {
    const { fit, mode } = unimodalFit([0, 2, 3, 2, 0]);
    expect(fit).toEqual([0, 2, 3, 2, 0]);
    expect(mode).toBe(2);
  });
});

describe("classifyTrend", () => {
  it("labels the five shapes", () => {
    expect(classifyTrend(sizes(4), [0, 1, 2, 3], 0.1).shape).toBe("monotone-up");
    expect(classifyTrend(sizes(4), [3, 2, 1, 0], 0.1).shape).toBe("monotone-down");
    expect(classifyTrend(sizes(5), [0, 2, 3, 2, 0], 0.1).shape).toBe("inverted-U");
    expect(classifyTrend(sizes(5), [3, 1, 0, 1, 3], 0.1).shape).toBe("U");
    expect(classifyTrend(sizes(3), [1, 1.05, 0.98], 0.1).shape).toBe("flat");
  });
  it("treats wiggles within the noise threshold as noise", () => {
    expect(classifyTrend(sizes(5), [0, 1, 0.95, 2, 3], 0.1).shape).toBe("monotone-up");
    expect(classifyTrend(sizes(5), [0, 1, 0.95, 2, 3], 0.1).withinNoise).toBe(true);
    // a dip of 0.5 is two turns: no shape fits within 0.1, the closest is reported as such
    expect(classifyTrend(sizes(5), [0, 1, 0.5, 2, 3], 0.1).withinNoise).toBe(false);
    expect(classifyTrend(sizes(5), [0, 1, 0.5, 2, 3], 0.3).shape).toBe("monotone-up");
  });
  it("labels the prototype's inverse and U-shaped inverse-scaling curves (PHENOMENA.md)", () => {
    expect(
      classifyTrend(sizes(8), [1, 0.875, 0.333, 0.167, 0.125, 0.125, 0.125, 0.125], 0.05).shape,
    ).toBe("monotone-down");
    const u = classifyTrend(sizes(8), [1, 0.875, 0.458, 0.417, 0.5, 0.75, 1, 1], 0.05);
    expect(u.shape).toBe("U");
    expect(u.turn).toBe(3);
  });
  it("sorts by scale before judging the shape", () => {
    expect(classifyTrend([8, 1, 4, 2], [3, 0, 2, 1], 0.1).shape).toBe("monotone-up");
  });
  it("rejects empty and mismatched inputs naming the argument", () => {
    expect(() => classifyTrend([], [], 0.1)).toThrow(/scales/);
    expect(() => classifyTrend([1, 2], [1], 0.1)).toThrow(/scores/);
    expect(() => classifyTrend([1, 2], [1, 2], -1)).toThrow(/noise/);
  });
});
