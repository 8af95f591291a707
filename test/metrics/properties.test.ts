// Property tests for the metrics' invariants (CONVENTIONS §8: fast-check for maths).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  classifyTrend,
  isotonicIncreasing,
  passUntilEstimate,
  tokenEditDistance,
  unimodalFit,
} from "../../src/metrics/index.ts";

const tokens = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 12 });
const series = fc.array(fc.double({ min: -10, max: 10, noNaN: true }), {
  minLength: 2,
  maxLength: 12,
});

describe("metric invariants", () => {
  it("edit distance is a metric on token sequences", () => {
    fc.assert(
      fc.property(tokens, tokens, tokens, (a, b, c) => {
        const ab = tokenEditDistance(a, b);
        return (
          ab === tokenEditDistance(b, a) &&
          (ab === 0) === (a.length === b.length && a.every((t, i) => t === b[i])) &&
          tokenEditDistance(a, c) <= ab + tokenEditDistance(b, c) &&
          ab >= Math.abs(a.length - b.length)
        );
      }),
    );
  });

  it("isotonic regression is non-decreasing and preserves the mean", () => {
    fc.assert(
      fc.property(series, (ys) => {
        const fit = isotonicIncreasing(ys);
        const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
        return (
          fit.every((v, i) => i === 0 || v >= fit[i - 1]! - 1e-12) &&
          Math.abs(mean(fit) - mean(ys)) < 1e-9
        );
      }),
    );
  });

  it("the unimodal fit is never worse than the increasing one", () => {
    fc.assert(
      fc.property(series, (ys) => {
        const sse = (fit: number[]) => fit.reduce((s, v, i) => s + (v - ys[i]!) ** 2, 0);
        return sse(unimodalFit(ys).fit) <= sse(isotonicIncreasing(ys)) + 1e-9;
      }),
    );
  });

  it("flips monotone labels when the curve is mirrored", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 3, maxLength: 8 }),
        (steps) => {
          const ys = steps.map((_, i) => steps.slice(0, i + 1).reduce((s, x) => s + x, 0));
          const xs = ys.map((_, i) => i);
          return (
            classifyTrend(xs, ys, 0.001).shape === "monotone-up" &&
            classifyTrend(
              xs,
              ys.map((y) => -y),
              0.001,
            ).shape === "monotone-down"
          );
        },
      ),
    );
  });

  it("PassUntil intervals contain their estimate and narrow as r grows at the same rate", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 50 }),
        fc.integer({ min: 0, max: 5000 }),
        (r, extra) => {
          const e = passUntilEstimate(r, r + extra);
          return e.lower <= e.estimate && e.estimate <= e.upper;
        },
      ),
    );
    const wide = passUntilEstimate(3, 3001);
    const narrow = passUntilEstimate(30, 30_001);
    expect(narrow.upper / narrow.lower).toBeLessThan(wide.upper / wide.lower);
  });
});
