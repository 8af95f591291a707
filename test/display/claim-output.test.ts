import { describe, expect, it } from "vitest";
import { CLAIM_MIME } from "../../src/display/claim.ts";
import { claimOfOutput } from "../../src/display/claim-output.ts";

const claim = { id: "c", text: "t", source: "s", measured: 2, expected: 2, pass: 2 === 2 };

describe("claimOfOutput", () => {
  it("reads a claim from display_data, also when the bundle holds it as JSON text", () => {
    expect(
      claimOfOutput({ output_type: "display_data", data: { [CLAIM_MIME]: claim }, metadata: {} }),
    ).toEqual(claim);
    expect(
      claimOfOutput({
        output_type: "display_data",
        data: { [CLAIM_MIME]: JSON.stringify(claim) },
        metadata: {},
      }),
    ).toEqual(claim);
  });

  it("ignores other outputs, other MIME types and objects that are not claims", () => {
    expect(claimOfOutput({ output_type: "stream", name: "stdout", text: "x" })).toBeUndefined();
    expect(
      claimOfOutput({ output_type: "display_data", data: { "text/plain": "x" }, metadata: {} }),
    ).toBeUndefined();
    expect(
      claimOfOutput({
        output_type: "display_data",
        data: { [CLAIM_MIME]: { id: "c", text: "t", pass: "yes" } },
        metadata: {},
      }),
    ).toBeUndefined();
    expect(
      claimOfOutput({
        output_type: "display_data",
        data: { [CLAIM_MIME]: "{not json" },
        metadata: {},
      }),
    ).toBeUndefined();
  });
});
