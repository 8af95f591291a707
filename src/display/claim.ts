// claim({...}): one checkable statement of a paper, with the measured value and a verdict the
// cell computed from it (DESIGN.md, Claim API). Emitted as application/vnd.tsnb.claim+json so
// the runner, the snapshot harness and the site can collect every claim of every notebook.
import { DisplayError } from "./errors.ts";
import { formatNumber } from "./format.ts";
import { displayDataOutput, markDisplayed } from "./display.ts";
import type { Bundle } from "./mime.ts";
import { currentSink } from "./sink.ts";
import { checkPaperValue, formatPaperValue, type PaperValue } from "./paper-value.ts";

/** MIME type of a claim output: the {@link Claim} as JSON, collected by the runner and the site. */
export const CLAIM_MIME = "application/vnd.tsnb.claim+json";

export type ClaimValue = number | string | { [key: string]: number | string | boolean | null };

export interface Claim {
  /** Slug, unique in its notebook: `sc-halts-learning`. */
  id: string;
  /** The statement, in the paper's terms. */
  text: string;
  /** Where the paper states it: `Prieto et al. 2025, Fig. 2`. */
  source: string;
  measured: ClaimValue;
  /** The bar this claim applies (may differ from the paper's figure). */
  expected?: ClaimValue | number[];
  /**
   * The paper's own figure with where it is stated: `"0.91 ± 0.04 (Fig. 3)"`, a number or a
   * `[lo, hi]` range. Left out when the paper gives no number.
   */
  paper?: PaperValue;
  /** Computed in the cell from `measured` — never a literal. */
  pass: boolean;
  unit?: string;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function invalid(field: string, expected: string, got: unknown): never {
  const shown =
    typeof got === "string"
      ? JSON.stringify(got)
      : typeof got === "number"
        ? String(got)
        : got === null
          ? "null"
          : Array.isArray(got)
            ? "an array"
            : typeof got;
  throw new DisplayError(`claim: field "${field}": expected ${expected} (got ${shown})`, {
    field,
    expected,
  });
}

const FINITE = "a finite number (JSON has no NaN/Infinity; pass String(x) to record it)";

function checkValue(field: string, value: unknown, allowArray: boolean): void {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) invalid(field, FINITE, value);
    return;
  }
  if (typeof value === "string") return;
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    // A flat record; a bad entry is named, not the whole record.
    for (const [key, v] of Object.entries(value)) {
      if (typeof v === "number" && !Number.isFinite(v)) invalid(`${field}.${key}`, FINITE, v);
      if (v !== null && !["string", "number", "boolean"].includes(typeof v))
        invalid(`${field}.${key}`, "a number, a string, a boolean or null", v);
    }
    return;
  }
  if (
    allowArray &&
    Array.isArray(value) &&
    value.every((v) => typeof v === "number" && Number.isFinite(v))
  )
    return;
  invalid(
    field,
    `a number, a string${allowArray ? ", a number[]" : ""} or a record of numbers/strings`,
    value,
  );
}

/** Checks a claim's fields; returns a clean copy (only the known fields). */
export function validateClaim(input: unknown): Claim {
  if (typeof input !== "object" || input === null) invalid("(claim)", "an object", input);
  const c = input as Record<string, unknown>;
  if (typeof c.id !== "string" || !SLUG.test(c.id))
    invalid("id", "a slug of a-z, 0-9 and single dashes", c.id);
  for (const field of ["text", "source"] as const) {
    if (typeof c[field] !== "string" || (c[field] as string).trim() === "")
      invalid(field, "a non-empty string", c[field]);
  }
  checkValue("measured", c.measured, false);
  if (c.expected !== undefined) checkValue("expected", c.expected, true);
  const paper = c.paper === undefined ? undefined : checkPaperValue(c.paper);
  if (typeof c.pass !== "boolean")
    invalid("pass", "a boolean computed from the measured value", c.pass);
  if (c.unit !== undefined && typeof c.unit !== "string") invalid("unit", "a string", c.unit);
  const claim: Claim = {
    id: c.id,
    text: c.text as string,
    source: c.source as string,
    measured: c.measured as ClaimValue,
    pass: c.pass,
  };
  if (paper !== undefined) claim.paper = paper;
  if (c.expected !== undefined) claim.expected = c.expected as Claim["expected"];
  if (c.unit !== undefined) claim.unit = c.unit as string;
  return claim;
}

/**
 * `key=value`, or `key ≥ 0.9` when the value is a bound (it starts with a comparison sign):
 * `logp=> 0.9` would read as an arrow.
 */
export function keyedValue(key: string, text: string, separator = "="): string {
  return /^[<>≤≥≈≠=]/.test(text) ? `${key} ${text}` : `${key}${separator}${text}`;
}

/** `0.1235 s`, `"grokked"`, `a=1, b=2`, `r2 ≥ 0.98`, `[0.1, 0.2]`. */
export function formatClaimValue(value: Claim["expected"], unit?: string): string {
  const suffix = unit ? ` ${unit}` : "";
  if (typeof value === "number") return formatNumber(value) + suffix;
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return `[${value.map((v) => formatNumber(v)).join(", ")}]${suffix}`;
  if (value === undefined) return "";
  return Object.entries(value)
    .map(([k, v]) => keyedValue(k, typeof v === "number" ? formatNumber(v) : String(v)))
    .join(", ");
}

/** One-line text form of a claim: `✓ PASS id — text (paper …, measured …, expected …)`. */
export function claimText(claim: Claim): string {
  const parts = [`measured ${formatClaimValue(claim.measured, claim.unit)}`];
  if (claim.paper !== undefined) parts.unshift(`paper ${formatPaperValue(claim.paper)}`);
  if (claim.expected !== undefined)
    parts.push(`expected ${formatClaimValue(claim.expected, claim.unit)}`);
  return `${claim.pass ? "✓ PASS" : "✗ FAIL"} ${claim.id} — ${claim.text} (${parts.join(", ")})`;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function claimHtml(claim: Claim): string {
  const status = claim.pass ? "pass" : "fail";
  const expected =
    claim.expected !== undefined
      ? ` · expected <b>${escapeHtml(formatClaimValue(claim.expected, claim.unit))}</b>`
      : "";
  const paper =
    claim.paper !== undefined ? `paper <b>${escapeHtml(formatPaperValue(claim.paper))}</b> · ` : "";
  return [
    `<div class="tsnb-claim tsnb-claim-${status}" data-claim-id="${escapeHtml(claim.id)}">`,
    `<span class="tsnb-claim-status">${claim.pass ? "✓ PASS" : "✗ FAIL"}</span> <code>${escapeHtml(claim.id)}</code> ${escapeHtml(claim.text)}`,
    `<div class="tsnb-claim-detail">${paper}measured <b>${escapeHtml(formatClaimValue(claim.measured, claim.unit))}</b>${expected} · <cite>${escapeHtml(claim.source)}</cite></div>`,
    `</div>`,
  ].join("");
}

export function claimBundle(claim: Claim): Bundle {
  return {
    data: {
      [CLAIM_MIME]: claim as never,
      "text/plain": claimText(claim),
      "text/html": claimHtml(claim),
    },
    metadata: {},
  };
}

/**
 * Records one checkable statement of a paper: validates it, displays it (as CLAIM_MIME, text
 * and HTML) and returns a clean copy. `pass` must be a boolean computed in the cell from
 * `measured`; `measured` a finite number, a string or a flat record; `id` a slug unique in the
 * notebook. Throws DisplayError naming the bad field.
 * @example
 * const slope = 0.48;
 * claim({
 *   id: "slope-near-half",
 *   text: "Loss falls as a power of data with exponent near 0.5.",
 *   source: "Hoffmann et al. 2022, eq. 10",
 *   measured: slope,
 *   expected: [0.4, 0.6],
 *   pass: slope >= 0.4 && slope <= 0.6,
 * });
 */
export function claim(input: Claim): Claim {
  const checked = validateClaim(input);
  currentSink()?.emit(displayDataOutput(claimBundle(checked)));
  // A plain object: were it displayable as a claim, `claim(…)` as a cell's last expression
  // would emit the claim twice (display_data + execute_result) and the runner count it twice.
  // Marked as displayed so the runtime can skip that execute_result altogether.
  return markDisplayed(checked);
}
