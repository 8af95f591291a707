import { describe, expect, it } from "vitest";
import { formatPaper, renderClaimOutput, renderScorecard } from "../../src/site/scorecard.ts";
import { linkMissSections, type SiteClaim } from "../../src/site/claims.ts";

// A site claim as the build collects it; `pass` follows `status`, as collectClaims sets both.
const claim = (patch: Partial<Omit<SiteClaim, "pass">> = {}): SiteClaim => {
  const fields = {
    id: "law-holds",
    text: "The law holds",
    source: "Hu et al. 2023, Fig. 1",
    measured: 0.25,
    expected: "≤ 0.15",
    paper: "0.05% (Fig. 1)",
    status: "not-reproduced" as SiteClaim["status"],
    reason: "measured 25%",
    cellId: "cell-c1",
    ...patch,
  };
  return { ...fields, pass: fields.status === "pass" };
};

describe("renderScorecard", () => {
  it("has the columns Claim | Paper | Here | Bar | Status, one row per claim", () => {
    const html = renderScorecard([
      claim(),
      claim({ id: "b", paper: undefined, status: "pass", reason: undefined }),
    ]);
    const headers = [...html.matchAll(/<th scope="col">([^<]+)<\/th>/g)].map((m) => m[1]);
    expect(headers).toEqual(["Claim", "Paper", "Here", "Bar", "Status"]);
    const cells = (row: string) =>
      [...row.matchAll(/<td[^>]*data-label="(\w+)"[^>]*>(.*?)<\/td>/g)].map((m) => [m[1], m[2]]);
    const [first, second] = html.split('<tr class="claim-row').slice(1);
    expect(cells(first!)).toEqual([
      ["Paper", "0.05% (Fig. 1)"],
      ["Here", "0.25"],
      ["Bar", "≤ 0.15"],
      ["Status", '<span class="status status-not-reproduced">○ not reproduced</span>'],
    ]);
    // no paper figure: a dash, never "n/a"
    expect(cells(second!)[0]).toEqual(["Paper", "—"]);
    expect(html).toContain("<cite>Hu et al. 2023, Fig. 1</cite>");
  });

  it("links a not-reproduced claim's reason to the section that shows its miss", () => {
    const html = renderScorecard([claim({ missSection: "not-reproduced-law-holds" })]);
    expect(html).toContain(
      'measured 25% <a class="miss-link" href="#not-reproduced-law-holds">See the measured miss</a>',
    );
    expect(renderScorecard([claim()])).not.toContain("miss-link");
  });
});

describe("renderClaimOutput", () => {
  it("shows Paper, Here, Bar and Status on the claim card", () => {
    const html = renderClaimOutput(claim(), [{ id: "law-holds", reason: "measured 25%" }]);
    const labels = [...html.matchAll(/<dt>(\w+)<\/dt><dd>(.*?)<\/dd>/g)].map((m) => [m[1], m[2]]);
    expect(labels).toEqual([
      ["Paper", "0.05% (Fig. 1)"],
      ["Here", "<strong>0.25</strong>"],
      ["Bar", "≤ 0.15"],
      ["Status", '<span class="status status-not-reproduced">○ not reproduced</span>'],
    ]);
    expect(html).toContain("not reproduced: measured 25%");
  });
});

describe("formatPaper", () => {
  it("writes a number, a range as lo–hi, a text as given, and a dash for none", () => {
    expect(formatPaper(0.3412)).toBe("0.3412");
    expect(formatPaper([0.2, 0.5])).toBe("0.2–0.5");
    expect(formatPaper("≈ 20 (Table 3)")).toBe("≈ 20 (Table 3)");
    expect(formatPaper(undefined)).toBe("—");
  });
});

describe("linkMissSections", () => {
  it("finds the first heading naming a not-reproduced claim's id as a whole word", () => {
    const headings = [
      { text: "Not reproduced: law-holds-2", id: "other" },
      { text: "Not reproduced: law-holds", id: "not-reproduced-law-holds" },
      { text: "law-holds again", id: "again" },
    ];
    const [linked, passing] = linkMissSections(
      [claim(), claim({ id: "law-holds", status: "pass" })],
      headings,
    );
    expect(linked!.missSection).toBe("not-reproduced-law-holds");
    expect(passing!.missSection).toBeUndefined();
    expect(linkMissSections([claim()], [{ text: "Results", id: "results" }])[0]).not.toHaveProperty(
      "missSection",
    );
  });
});
