// The placeholder check behind the claims API's `paper` field: words standing in for a missing
// figure are refused (the field is left out instead); real figures and their locations pass.
import { describe, expect, it } from "vitest";
import { checkPaperValue, isPlaceholderPaperText } from "../../src/display/paper-value.ts";

describe("isPlaceholderPaperText", () => {
  it.each([
    "n/a",
    "N/A",
    "na",
    "n.a.",
    "none",
    "None",
    "-",
    "—",
    "–",
    "?",
    "??",
    "TBD",
    "tba",
    "TODO",
    "unknown",
    "...",
    " n/a ",
    "n/a (no number)",
    "TBD (Fig. 2)",
  ])("finds %j", (text) => expect(isPlaceholderPaperText(text)).toBe(true));
  it.each([
    "0.91 ± 0.04 (Fig. 3)",
    "exponent 1 (§2.3.1)",
    "none of 11 tasks (Table 2)",
    "(0.34, 0.28)",
    "α ≈ 0.34 (eq. 10)",
    "−1 (abstract)",
  ])("leaves %j alone", (text) => expect(isPlaceholderPaperText(text)).toBe(false));
});

describe("checkPaperValue", () => {
  it.each(["?", "TBD", "n/a (no number)"])("refuses the placeholder %j, naming the field", (text) =>
    expect(() => checkPaperValue(text)).toThrow(
      new RegExp(
        `^claim: field "paper": .*\\(got ${JSON.stringify(text).replace(/[?()]/g, "\\$&")}: leave the field out\\)$`,
      ),
    ),
  );
  it("keeps a figure with its location", () =>
    expect(checkPaperValue("6 of the 11 prize tasks U-shaped (abstract)")).toBe(
      "6 of the 11 prize tasks U-shaped (abstract)",
    ));
});
