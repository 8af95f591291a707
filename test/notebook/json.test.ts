import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/notebook/json.ts";

// The reference is Python's json module with nbformat's writer settings (nbformat/v4/nbjson.py).
const PYTHON = `
import json, sys
texts = json.loads(sys.stdin.read())
out = [json.dumps(json.loads(t), sort_keys=True, indent=1, ensure_ascii=False, separators=(",", ": ")) for t in texts]
sys.stdout.write(json.dumps(out))
`;

describe("canonicalJson against Python's json.dumps (nbformat's writer)", () => {
  it("is a fixed point of Python's writer for random JSON, unicode included", () => {
    const values = [
      ...fc.sample(fc.jsonValue({ maxDepth: 4 }), { seed: 3, numRuns: 250 }),
      ...fc.sample(fc.jsonValue({ maxDepth: 3, stringUnit: "grapheme" }), {
        seed: 4,
        numRuns: 150,
      }),
      { "10": 1, "9": 2, é: 3, e: 4, "\u{1F600}": 5, "\uFFFD": 6 },
      [0.1, 1e-5, 1.5e16, -2.5e-7, 123456789.125, 5e-324, 1.7976931348623157e308],
    ];
    const texts = values.map((v) => canonicalJson(v));
    const python = JSON.parse(
      execFileSync("python3", ["-c", PYTHON], { input: JSON.stringify(texts), encoding: "utf8" }),
    ) as string[];
    expect(python).toHaveLength(texts.length);
    const mismatches = texts.flatMap((t, i) =>
      t === python[i] ? [] : [{ ours: t, python: python[i] }],
    );
    expect(mismatches.slice(0, 3)).toEqual([]);
  });
});
