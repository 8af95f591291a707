import { describe, expect, it } from "vitest";
import { checkComplete } from "../../../src/runtime/language/completeness.ts";

describe("checkComplete (is_complete_request)", () => {
  it.each([
    ["", "complete"],
    ["1 + 1", "complete"],
    ["const r = /a(b)+c/.test(s)", "complete"],
    ["x.map((v) => v / 2)", "complete"],
    ["const t = `a ${b} c`", "complete"],
    ["interface P {\n  x: number;\n}", "complete"],
  ])("%j is complete", (code, status) => {
    expect(checkComplete(code).status).toBe(status);
  });

  it.each([
    ["function f() {", "  "],
    ["if (a) {\n  g(", "    "],
    ["const xs = [\n  1,", "  "],
    ["const x =", ""],
    ["for (const x of y)", ""],
    ["`open ${template}", ""],
    ["/* a comment", ""],
  ])("%j is incomplete with indent %j", (code, indent) => {
    expect(checkComplete(code)).toEqual({ status: "incomplete", indent });
  });

  it.each([["a)"], ["'unterminated"], ["const = 3"], ["}"]])("%j is invalid", (code) => {
    expect(checkComplete(code).status).toBe("invalid");
  });
});
