import { describe, expect, it } from "vitest";
import { LabError } from "../../src/data/errors.ts";
import { FitError, fitCurve, powerLaw } from "../../src/fit/index.ts";
import { MetricError, passAtK } from "../../src/metrics/index.ts";
import { TensorError, tensor } from "../../src/tensor/index.ts";
import { EmergenceError, zipfWeights } from "../../src/phenomena/emergence/index.ts";
import {
  InverseScalingError,
  WittenBellFamily,
} from "../../src/phenomena/inverse-scaling/index.ts";
import {
  KnowledgeCapacityError,
  makeKnowledgeBase,
} from "../../src/phenomena/knowledge-capacity/index.ts";
import {
  pairedDifference,
  RepeatedDataError,
  repeatedDataLosses,
} from "../../src/phenomena/repeated-data/index.ts";

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  throw new Error("expected the call to throw");
}

describe("one error shape across the lab", () => {
  it("formats where: what (expected …)", () => {
    const e = new LabError("fitCurve", "x has 3 values", "at least 4");
    expect(e.message).toBe("fitCurve: x has 3 values (expected at least 4)");
    expect(new LabError("a", "b").message).toBe("a: b");
  });

  it("a fit error is a LabError with the same message shape", () => {
    const e = thrown(() =>
      fitCurve({ model: powerLaw, x: [1, 2, 3, 4, 5], y: [1, 0.7, NaN, 0.5, 0.4] }),
    );
    expect(e).toBeInstanceOf(FitError);
    expect(e).toBeInstanceOf(LabError);
    const err = e as FitError;
    expect(err.name).toBe("FitError");
    expect(err.message).toBe(`${err.where}: ${err.what} (expected ${err.expected})`);
    expect(err.message).toBe(
      "fitCurve({y}): value at index 2 is NaN (expected finite numbers (no NaN or ±Infinity))",
    );
  });

  it("a metric error is a LabError naming the argument and the value it got", () => {
    const e = thrown(() => passAtK(5, 6, 1));
    expect(e).toBeInstanceOf(MetricError);
    expect(e).toBeInstanceOf(LabError);
    const err = e as MetricError;
    expect(err.name).toBe("MetricError");
    expect(err.argument).toBe("c");
    expect(err.message).toBe("passAtK: argument `c` is 6 (expected at most n (5))");
  });

  it("a tensor error is a LabError", () => {
    const e = thrown(() => tensor([1, 2, 3], [2, 2]));
    expect(e).toBeInstanceOf(TensorError);
    expect(e).toBeInstanceOf(LabError);
  });

  it("a phenomenon's error is a LabError in the same shape", () => {
    const e = thrown(() => zipfWeights(0, 1.5));
    expect(e).toBeInstanceOf(EmergenceError);
    expect(e).toBeInstanceOf(LabError);
    expect((e as EmergenceError).message).toBe("zipfWeights: count is 0 (expected an integer ≥ 1)");
  });

  it("knowledge-capacity: a non-integer size names the field", () => {
    const e = thrown(() => makeKnowledgeBase({ keys: 2.5 }));
    expect(e).toBeInstanceOf(KnowledgeCapacityError);
    expect(e).toBeInstanceOf(LabError);
    expect((e as Error).message).toBe(
      "makeKnowledgeBase: keys = 2.5 (expected a positive integer)",
    );
  });

  it("repeated-data: a fraction outside [0, 1) and unequal pairs", () => {
    const e = thrown(() => repeatedDataLosses({ seed: 1, fraction: 1.5, repeats: [1] }));
    expect(e).toBeInstanceOf(RepeatedDataError);
    expect((e as Error).message).toContain("fraction = 1.5");
    expect(thrown(() => pairedDifference([1, 2], [1]))).toBeInstanceOf(RepeatedDataError);
  });

  it("inverse-scaling: contexts too long to key exactly", () => {
    const e = thrown(() => new WittenBellFamily([[0, 1]], 20, 10));
    expect(e).toBeInstanceOf(InverseScalingError);
    expect((e as Error).message).toBe(
      "WittenBellFamily: vocabSize^(maxOrder − 1) = 10^19 (expected below 2^53, so contexts key exactly)",
    );
  });
});
