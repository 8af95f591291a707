// A claim's `paper` field: the figure the paper itself reports, with where it says so
// ("0.91 ± 0.04 (Fig. 3)"), shown beside the measured value and the bar the claim applies.
// Kept apart from `expected` because the bar may be looser or differently shaped than the
// paper's figure; a claim whose paper states no number leaves the field out.
import { DisplayError } from "./errors.ts";
import { formatNumber } from "./format.ts";

/** A number, a `[lo, hi]` range, or a short text such as `"α ≈ 0.34 (eq. 10)"`. */
export type PaperValue = number | [number, number] | string;

/** Longest text accepted: a figure and its location, not a paragraph. */
export const PAPER_TEXT_MAX = 120;

const EXPECTED = `a number, a [lo, hi] range (lo ≤ hi) or a short text (1–${PAPER_TEXT_MAX} characters) giving the paper's own figure and where it is stated; leave the field out when the paper gives none`;

/**
 * Words that stand in for a missing figure ("n/a", "none", "-", "?", "TBD"), alone or before a
 * parenthesis ("n/a (no number)"): the field is left out instead.
 */
const PLACEHOLDER = /^(?:n\/?a|n\.a\.?|none|null|nil|unknown|tb[acd]|todo|\?+|[-–—]+|…|\.{3})$/i;

/** True when `text` is a placeholder rather than a figure: `"n/a"`, `"TBD (Fig. 2)"`, `"?"`. */
export function isPlaceholderPaperText(text: string): boolean {
  const head = text
    .trim()
    .replace(/\s*\([^()]*\)\s*$/, "")
    .trim();
  return PLACEHOLDER.test(head);
}

function reject(detail: string): never {
  throw new DisplayError(`claim: field "paper": expected ${EXPECTED} (got ${detail})`, {
    field: "paper",
    expected: EXPECTED,
  });
}

/** Checks a `paper` value; returns it unchanged (a range as a fresh pair). */
export function checkPaperValue(value: unknown): PaperValue {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) reject(String(value));
    return value;
  }
  if (typeof value === "string") {
    const text = value.trim();
    if (text === "") reject(value === "" ? "an empty text" : "only whitespace");
    if (isPlaceholderPaperText(text)) reject(`${JSON.stringify(value)}: leave the field out`);
    if (value.length > PAPER_TEXT_MAX) reject(`a text of ${value.length} characters`);
    return value;
  }
  if (Array.isArray(value)) {
    const [lo, hi] = value as unknown[];
    if (value.length !== 2) reject(`an array of ${value.length} values`);
    if (typeof lo !== "number" || typeof hi !== "number" || !isFinite(lo) || !isFinite(hi))
      reject("a range whose ends are not both finite numbers");
    if (lo > hi) reject(`the range [${lo}, ${hi}] whose low end is above its high end`);
    return [lo, hi];
  }
  reject(value === null ? "null" : typeof value);
}

/** `0.34`, `0.2–0.5`, or the text as written. */
export function formatPaperValue(value: PaperValue): string {
  if (typeof value === "number") return formatNumber(value);
  if (Array.isArray(value)) return `${formatNumber(value[0])}–${formatNumber(value[1])}`;
  return value;
}
