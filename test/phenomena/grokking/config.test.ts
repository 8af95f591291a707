// Config resolution: defaults, the paper's float64 StableMax loss, and errors naming the field.
import { describe, expect, it } from "vitest";
import { GROKKING_DEFAULTS, resolveConfig } from "../../../src/phenomena/grokking/config.ts";
import { GrokkingError } from "../../../src/phenomena/grokking/errors.ts";

describe("resolveConfig", () => {
  it("fills the defaults", () => {
    expect(resolveConfig({})).toEqual({ ...GROKKING_DEFAULTS });
    expect(resolveConfig({ p: 31 }).p).toBe(31);
  });

  it("casts StableMax logits to float64 unless told otherwise, softmax stays float32", () => {
    expect(resolveConfig({ loss: "stablemax" }).lossDtype).toBe("f64");
    expect(resolveConfig({ loss: "stablemax", lossDtype: "f32" }).lossDtype).toBe("f32");
    expect(resolveConfig({ loss: "softmax" }).lossDtype).toBe("f32");
  });

  it("rejects bad values with the field's name", () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ p: 1 }, /config\.p/],
      [{ width: 0 }, /config\.width/],
      [{ steps: -1 }, /config\.steps/],
      [{ trainFraction: 1.2 }, /config\.trainFraction/],
      [{ lr: 0 }, /config\.lr/],
      [{ beta2: 1 }, /config\.beta2/],
      [{ weightDecay: -1 }, /config\.weightDecay/],
      [{ loss: "sparsemax" }, /config\.loss/],
      [{ lossDtype: "f8" }, /config\.lossDtype/],
    ];
    for (const [partial, message] of bad) {
      expect(() => resolveConfig(partial)).toThrow(GrokkingError);
      expect(() => resolveConfig(partial)).toThrow(message);
    }
  });
});
