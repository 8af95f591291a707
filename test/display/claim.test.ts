import { describe, expect, it } from "vitest";
import { claim, CLAIM_MIME, claimText, type Claim } from "../../src/display/claim.ts";
import { wasDisplayed } from "../../src/display/display.ts";
import { DisplayError } from "../../src/display/errors.ts";
import { withSink } from "./fake-sink.ts";

const base: Claim = {
  id: "sc-halts-learning",
  text: "Softmax collapse halts learning",
  source: "Prieto et al. 2025, Fig. 2",
  measured: 0.98765,
  expected: "> 0.9",
  pass: 0.98765 > 0.9,
};

describe("claim", () => {
  it("emits the claim MIME with text/plain and text/html, and returns the claim", async () => {
    let returned: Claim | undefined;
    const sink = await withSink(false, () => {
      returned = claim({ ...base, unit: "acc" });
    });
    expect(returned).toEqual({ ...base, unit: "acc" });
    expect(wasDisplayed(returned)).toBe(true);
    expect(Object.keys(returned!)).not.toContain("displayed");
    expect(wasDisplayed({ ...base })).toBe(false);
    const data = sink.outputs[0]!.data as Record<string, unknown>;
    expect(data[CLAIM_MIME]).toEqual({ ...base, unit: "acc" });
    expect(data["text/plain"]).toBe(
      "✓ PASS sc-halts-learning — Softmax collapse halts learning (measured 0.9877 acc, expected > 0.9)",
    );
    expect(data["text/html"]).toContain('class="tsnb-claim tsnb-claim-pass"');
    expect(data["text/html"]).toContain("<cite>Prieto et al. 2025, Fig. 2</cite>");
  });

  it("formats failures, records and ranges", () => {
    expect(
      claimText({ ...base, pass: false, measured: { a: 0.5, b: "x" }, expected: [0.1, 0.2] }),
    ).toBe(
      "✗ FAIL sc-halts-learning — Softmax collapse halts learning (measured a=0.5, b=x, expected [0.1, 0.2])",
    );
  });

  it("writes a bound as key ≥ value, not key=≥ value", () => {
    expect(
      claimText({
        ...base,
        measured: { r2: 0.99, a: -1 },
        expected: { r2: "≥ 0.98", a: "< 0", k1: "0.159 ± 0.03" },
      }),
    ).toBe(
      "✓ PASS sc-halts-learning — Softmax collapse halts learning (measured r2=0.99, a=-1, expected r2 ≥ 0.98, a < 0, k1=0.159 ± 0.03)",
    );
  });

  it("drops unknown fields", async () => {
    await withSink(false, () => {
      expect(claim({ ...base, extra: 1 } as Claim)).not.toHaveProperty("extra");
    });
  });

  it.each([
    [{ id: "Not A Slug" }, "id"],
    [{ id: "trailing-" }, "id"],
    [{ text: "" }, "text"],
    [{ source: 3 }, "source"],
    [{ measured: Number.NaN }, "measured"],
    [{ measured: [1, 2] }, "measured"],
    [{ measured: { a: { deep: 1 } } }, "measured.a"],
    [{ expected: () => 1 }, "expected"],
    [{ pass: "true" }, "pass"],
    [{ pass: undefined }, "pass"],
    [{ unit: 5 }, "unit"],
  ])("rejects %j, naming field %s", (patch, field) => {
    let error: unknown;
    try {
      claim({ ...base, ...patch } as Claim);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DisplayError);
    expect((error as DisplayError).field).toBe(field);
    expect((error as Error).message).toMatch(
      new RegExp(`^claim: field "${field}": expected .+ \\(got .+\\)$`),
    );
  });

  it("carries the paper's figure into the MIME bundle, text and HTML", async () => {
    const sink = await withSink(false, () => {
      claim({ ...base, paper: "0.91 ± 0.04 (Fig. 3)" });
    });
    const data = sink.outputs[0]!.data as Record<string, unknown>;
    expect(data[CLAIM_MIME]).toMatchObject({ paper: "0.91 ± 0.04 (Fig. 3)" });
    expect(data["text/plain"]).toBe(
      "✓ PASS sc-halts-learning — Softmax collapse halts learning (paper 0.91 ± 0.04 (Fig. 3), measured 0.9877, expected > 0.9)",
    );
    expect(data["text/html"]).toContain("paper <b>0.91 ± 0.04 (Fig. 3)</b>");
    expect(claimText({ ...base, paper: [0.2, 0.5] })).toContain("(paper 0.2–0.5, measured");
    expect(claimText({ ...base, paper: 0.34 })).toContain("(paper 0.34, measured");
  });

  it("leaves paper out of the claim when it is not given", async () => {
    await withSink(false, () => {
      expect(claim(base)).not.toHaveProperty("paper");
    });
  });

  it.each([
    ["", /got an empty text/],
    ["   ", /got only whitespace/],
    ["n/a", /"n\/a": leave the field out/],
    ["x".repeat(121), /got a text of 121 characters/],
    [Number.POSITIVE_INFINITY, /got Infinity/],
    [[0.5, 0.2], /got the range \[0.5, 0.2\] whose low end is above its high end/],
    [[1, 2, 3], /got an array of 3 values/],
    [[1, "2"], /got a range whose ends are not both finite numbers/],
    [{ value: 1 }, /got object/],
  ])("rejects paper %j with a message naming the field and what it takes", (paper, detail) => {
    let error: unknown;
    try {
      claim({ ...base, paper } as Claim);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DisplayError);
    expect((error as DisplayError).field).toBe("paper");
    expect((error as Error).message).toMatch(
      /^claim: field "paper": expected a number, a \[lo, hi\] range \(lo ≤ hi\) or a short text \(1–120 characters\)/,
    );
    expect((error as Error).message).toMatch(detail);
  });

  it.each([
    [{ a: 1, b: Number.NaN }, "measured.b", /expected a finite number .* \(got NaN\)/],
    [{ a: -Infinity }, "measured.a", /expected a finite number .* \(got -Infinity\)/],
    [{ a: [1, 2] }, "measured.a", /expected a number, a string, a boolean or null/],
  ])("names the bad entry of a measured record %j", (measured, field, message) => {
    let error: unknown;
    try {
      claim({ ...base, measured } as unknown as Claim);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DisplayError);
    expect((error as DisplayError).field).toBe(field);
    expect((error as Error).message).toMatch(message);
  });

  it("says how pass should be made", () => {
    expect(() => claim({ ...base, pass: 1 as never })).toThrow(
      'claim: field "pass": expected a boolean computed from the measured value (got 1)',
    );
  });
});
