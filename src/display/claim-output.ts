// Reading claims back from stored outputs: the runner, the snapshot harness and the site all
// find a notebook's claims by the claim MIME type that `claim(...)` emits (claim.ts).
import type { IOutput } from "@jupyterlab/nbformat";
import { CLAIM_MIME, type Claim } from "./claim.ts";

/** Loose shape check of a claim object read from a notebook file (not the strict validation of claim()). */
export function isClaimObject(value: unknown): value is Claim {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === "string" && typeof v.text === "string" && typeof v.pass === "boolean";
}

/** The claim carried by one output, if it is a claim output (the bundle may hold it as JSON text). */
export function claimOfOutput(output: IOutput): Claim | undefined {
  if (output.output_type !== "display_data" && output.output_type !== "execute_result")
    return undefined;
  const data = (output.data as Record<string, unknown> | undefined)?.[CLAIM_MIME];
  const value = typeof data === "string" ? parseJson(data) : data;
  return isClaimObject(value) ? value : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
