import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonErrorPosition } from "../../src/notebook/json-position.ts";

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe("jsonErrorPosition", () => {
  it("points at the first offending character", () => {
    expect(jsonErrorPosition('{\n "cells": [\n  oops\n ]\n}')).toBe(16);
    expect(jsonErrorPosition('{"a": 1,}')).toBe(8);
    expect(jsonErrorPosition('{"a" 1}')).toBe(5);
    expect(jsonErrorPosition("[1, 2")).toBe(5);
    expect(jsonErrorPosition('"tab\there"')).toBe(0);
    expect(jsonErrorPosition("01")).toBe(1);
    expect(jsonErrorPosition('{"a": tru}')).toBe(9);
  });

  it("accepts what JSON.parse accepts", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 2 }), (value, indent) => {
        expect(jsonErrorPosition(JSON.stringify(value, null, indent))).toBeUndefined();
      }),
      { seed: 5, numRuns: 300 },
    );
  });

  it("agrees with JSON.parse on corrupted text", () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.nat(),
        fc.constantFrom("x", ",", "}", "]", '"', ":", "\n", "-", "0", "\\"),
        (value, at, ch) => {
          const text = JSON.stringify(value, null, 1);
          const cut = at % (text.length + 1);
          const corrupted = text.slice(0, cut) + ch + text.slice(cut);
          expect(jsonErrorPosition(corrupted) === undefined).toBe(parses(corrupted));
        },
      ),
      { seed: 6, numRuns: 1000 },
    );
  });
});
