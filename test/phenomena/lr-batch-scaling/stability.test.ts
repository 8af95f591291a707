import { describe, expect, it } from "vitest";
import {
  batchSharpness,
  isStable,
  makeBatchScalingTestbed,
  makeStudent,
  maxStableLr,
} from "../../../src/phenomena/lr-batch-scaling/index.ts";

const testbed = makeBatchScalingTestbed({ d: 16, hidden: 4, evalSize: 64, seed: 1 });

describe("stability of a learning rate", () => {
  it("is stable at a tiny rate and unstable at a huge one, for SGD and Adam", () => {
    for (const optimizer of ["sgd", "adam"] as const) {
      expect(isStable(testbed, optimizer, 1e-4, 8, { steps: 20 })).toBe(true);
      expect(isStable(testbed, optimizer, 100, 8, { steps: 20, tolerance: 10 })).toBe(false);
    }
  });

  it("bisects to a rate inside the bracket", () => {
    const eta = maxStableLr(testbed, "sgd", 8, { steps: 20, iters: 4, tolerance: 10 });
    expect(eta).toBeGreaterThan(1e-4);
    expect(eta).toBeLessThan(10);
  });
});

describe("mini-batch sharpness", () => {
  it("is larger for small batches than for a large one", () => {
    const student = makeStudent(testbed, 3);
    const small = batchSharpness(testbed, student, 2, { batches: 3, seed: 1 });
    const large = batchSharpness(testbed, student, 512, { batches: 1, seed: 2 });
    expect(small.values).toHaveLength(3);
    expect(small.mean).toBeGreaterThan(large.mean);
  });
});
