// LR sensitivity (Wortsman et al. 2023 §2.2): mean of min(ℓ, ℓ₀) minus the best, diverged runs
// counted as ℓ₀, restricted to a range of learning rates.
import { describe, expect, it } from "vitest";
import { lrSensitivity, ProxyError } from "../../../src/index.ts";

const points = [
  { lr: 1e-3, loss: 2.0 },
  { lr: 1e-2, loss: 1.5 },
  { lr: 1e-1, loss: 1.7 },
  { lr: 1, loss: Number.NaN },
];

describe("lrSensitivity", () => {
  it("is the mean of min(ℓ, ℓ₀) minus the best loss, a diverged run counting as ℓ₀", () => {
    const s = lrSensitivity(points, 3);
    expect(s.value).toBeCloseTo((2 + 1.5 + 1.7 + 3) / 4 - 1.5, 12);
    expect(s.bestLr).toBe(1e-2);
    expect(s.bestLoss).toBe(1.5);
  });

  it("caps a loss worse than the initial one at ℓ₀", () => {
    const s = lrSensitivity([...points.slice(0, 3), { lr: 1, loss: 9 }], 3);
    expect(s.value).toBeCloseTo((2 + 1.5 + 1.7 + 3) / 4 - 1.5, 12);
  });

  it("takes only the learning rates inside the range, ends included", () => {
    const s = lrSensitivity(points, 3, { from: 1e-2, to: 0.1 });
    expect(s.lrs).toEqual([1e-2, 1e-1]);
    expect(s.value).toBeCloseTo(0.1, 12);
    expect(lrSensitivity(points, 3, { to: 3 * 0.1 }).lrs).toEqual([1e-3, 1e-2, 1e-1]);
  });

  it("is 0 for a model that reaches the same loss at every learning rate", () => {
    expect(
      lrSensitivity(
        points.map((p) => ({ ...p, loss: 1.2 })),
        3,
      ).value,
    ).toBe(0);
  });

  it("refuses an empty range and a non-finite ℓ₀", () => {
    expect(() => lrSensitivity(points, 3, { from: 2 })).toThrow(ProxyError);
    expect(() => lrSensitivity(points, Number.NaN)).toThrow(/initial loss NaN/);
  });
});
