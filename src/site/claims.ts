// Claims as the site sees them: the `claim(...)` outputs of a notebook (DESIGN.md "Claim
// API"), each with its status. A claim listed in `metadata.tsnb.known_failures` that fails
// is "not-reproduced" (an honest, documented gap), not a build failure.
import type { KnownFailure } from "../notebook/metadata.ts";
import type { ICell, IOutput } from "@jupyterlab/nbformat";
import { claimOfOutput, isClaimObject } from "../display/claim-output.ts";

/** A claim object read from a notebook (the display layer's loose check). */
export const isClaimValue = isClaimObject;

export interface ClaimValue {
  id: string;
  text: string;
  source: string;
  measured: unknown;
  expected?: unknown;
  /** The paper's own figure with its location (claim.ts `paper`). */
  paper?: unknown;
  pass: boolean;
  unit?: string;
}

export type { KnownFailure };

export type ClaimStatus = "pass" | "fail" | "not-reproduced";

export interface SiteClaim extends ClaimValue {
  status: ClaimStatus;
  /** Why it does not reproduce yet (from known_failures), when status is "not-reproduced". */
  reason?: string;
  /** Id of the cell whose output holds the claim (the scorecard links to it). */
  cellId: string;
  /** Id of the heading of the section that shows a not-reproduced claim's miss (a figure). */
  missSection?: string;
}

export function claimStatus(
  claim: ClaimValue,
  known: readonly KnownFailure[],
): { status: ClaimStatus; reason?: string } {
  if (claim.pass) return { status: "pass" };
  const entry = known.find((k) => k.id === claim.id);
  return entry ? { status: "not-reproduced", reason: entry.reason } : { status: "fail" };
}

/** Every claim in cell order; a claim id emitted twice keeps its last value (a re-run cell). */
export function collectClaims(
  cells: readonly ICell[],
  known: readonly KnownFailure[],
): SiteClaim[] {
  const byId = new Map<string, SiteClaim>();
  cells.forEach((cell, index) => {
    if (cell.cell_type !== "code") return;
    for (const output of (cell.outputs as IOutput[] | undefined) ?? []) {
      const claim = claimOfOutput(output);
      if (!claim) continue;
      byId.delete(claim.id);
      byId.set(claim.id, {
        ...claim,
        ...claimStatus(claim, known),
        cellId: cellAnchor(cell, index),
      });
    }
  });
  return [...byId.values()];
}

/**
 * A not-reproduced claim's section: the first heading whose text names the claim's id
 * (`### Not reproduced: \`passuntil-law-predicts-largest\``), so the notebook decides where
 * its miss is shown and the scorecard links there.
 */
export function linkMissSections(
  claims: readonly SiteClaim[],
  headings: readonly { text: string; id: string }[],
): SiteClaim[] {
  return claims.map((claim) => {
    if (claim.status !== "not-reproduced") return claim;
    const heading = headings.find((h) => namesClaim(h.text, claim.id));
    return heading ? { ...claim, missSection: heading.id } : claim;
  });
}

/** The id as a whole word: `a-b` does not name `a-b-c`. */
function namesClaim(text: string, id: string): boolean {
  const at = text.indexOf(id);
  if (at < 0) return false;
  const after = text[at + id.length];
  const before = text[at - 1];
  return !/[a-z0-9-]/.test(after ?? " ") && !/[a-z0-9-]/.test(before ?? " ");
}

/** The element id a cell gets on its page: its nbformat id, or its position. */
export function cellAnchor(cell: ICell, index: number): string {
  const id = typeof cell.id === "string" && cell.id !== "" ? cell.id : String(index);
  return `cell-${id.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}
