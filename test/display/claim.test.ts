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
    [{ measured: { a: { deep: 1 } } }, "measured"],
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

  it("says how pass should be made", () => {
    expect(() => claim({ ...base, pass: 1 as never })).toThrow(
      'claim: field "pass": expected a boolean computed from the measured value (got 1)',
    );
  });
});
