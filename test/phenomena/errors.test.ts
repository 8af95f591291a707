// Bad input to the phenomena's library functions raises the phenomenon's own LabError subclass,
// naming the function and the offending argument, with what was expected.
import { describe, expect, it } from "vitest";
import { LabError } from "../../src/data/errors.ts";
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

/** The error `f` throws. */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error("did not throw");
}

describe("phenomenon errors", () => {
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
