import { describe, expect, it } from "vitest";
import {
  infiniteDataLoss,
  infiniteWidthLoss,
  latentLoss,
  makeProjection,
  makeTeacher,
  sampleInputs,
  studentLoss,
  studentLossFromMoments,
  studentLossSampled,
} from "../../../src/phenomena/scaling-regimes/index.ts";
import { rng } from "../../../src/data/random.ts";

const meanAndError = (values: number[]) => {
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1));
  return { mean: m, error: sd / Math.sqrt(values.length) };
};

describe("random-feature teacher-student model (Bahri et al. 2021)", () => {
  const random = rng(3);
  const teacher = makeTeacher(150, 0.5, random);

  it("the zero predictor's loss is wᵀΛw and the teacher's own is 0", () => {
    const expected = teacher.lambda.reduce((a, l, k) => a + l * teacher.w[k]! ** 2, 0);
    expect(latentLoss(teacher, new Float64Array(150))).toBeCloseTo(expected, 12);
    expect(latentLoss(teacher, teacher.w)).toBe(0);
  });

  it("the infinite-data loss bounds every finite-data student with the same projection", () => {
    const P = 10;
    const E = makeProjection(P, 150, random);
    const limit = infiniteDataLoss(teacher, E, P);
    for (let i = 0; i < 5; i++) {
      const { X, y } = sampleInputs(teacher, 100, random);
      expect(studentLoss(teacher, E, P, X, y, 100)).toBeGreaterThan(limit);
    }
  });

  it("sampling features from their joint moments matches drawing inputs, in the mean", () => {
    const P = 8;
    const D = 40;
    const E = makeProjection(P, 150, random);
    const explicit: number[] = [];
    const moments: number[] = [];
    for (let i = 0; i < 300; i++) {
      const { X, y } = sampleInputs(teacher, D, random);
      explicit.push(studentLoss(teacher, E, P, X, y, D));
      moments.push(studentLossFromMoments(teacher, E, P, D, random));
    }
    const a = meanAndError(explicit);
    const b = meanAndError(moments);
    expect(Math.abs(a.mean - b.mean)).toBeLessThan(4 * Math.hypot(a.error, b.error));
  });

  it("drawing the projection only where it matters matches a full projection, in the mean", () => {
    const D = 5;
    const P = 60;
    const { X, y } = sampleInputs(teacher, D, random);
    const limit = infiniteWidthLoss(teacher, X, y, D);
    const full: number[] = [];
    const sampled: number[] = [];
    for (let i = 0; i < 400; i++) {
      full.push(studentLoss(teacher, makeProjection(P, 150, random), P, X, y, D) - limit);
      sampled.push(studentLossSampled(teacher, X, y, D, P, random) - limit);
    }
    const a = meanAndError(full);
    const b = meanAndError(sampled);
    expect(a.mean).toBeGreaterThan(0);
    expect(Math.abs(a.mean - b.mean)).toBeLessThan(4 * Math.hypot(a.error, b.error));
    // The antithetic pair has a much smaller spread than a plain draw.
    expect(b.error).toBeLessThan(a.error / 2);
  });
});
