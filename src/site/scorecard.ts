// The claims scorecard at the top of a notebook page (text, the paper's figure, measured
// value, bar, status, link to the cell that made it) and the inline rendering of one claim
// output inside its cell. Status words are spelled out next to the symbols, so colour is
// never the only signal (WCAG 1.4.1).
import { escapeHtml } from "./html.ts";
import { keyedValue } from "../display/claim.ts";
import type { PaperValue } from "../display/paper-value.ts";
import {
  claimStatus,
  type ClaimStatus,
  type ClaimValue,
  type KnownFailure,
  type SiteClaim,
} from "./claims.ts";

const STATUS_LABEL: Record<ClaimStatus, string> = {
  pass: "✓ pass",
  fail: "✗ fail",
  "not-reproduced": "○ not reproduced",
};

export function statusBadge(status: ClaimStatus): string {
  return `<span class="status status-${status}">${STATUS_LABEL[status]}</span>`;
}

/** Numbers with 4 significant digits (float noise stays off the page); other values as text. */
export function formatValue(value: unknown, unit?: string): string {
  if (value === undefined || value === null) return "—";
  let body: string;
  if (typeof value === "number") body = formatNumber(value);
  else if (typeof value === "string") body = value;
  else if (Array.isArray(value)) body = formatList(value);
  else if (typeof value === "object") {
    body = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => keyedValue(k, formatValue(v), ": "))
      .join(", ");
  } else body = String(value);
  return unit ? `${body} ${unit}` : body;
}

/** Short lists in full; long ones as head … tail (n values) so a table cell stays readable. */
function formatList(values: readonly unknown[]): string {
  const shown =
    values.length > 6
      ? [
          ...values.slice(0, 3).map((v) => formatValue(v)),
          "…",
          ...values.slice(-2).map((v) => formatValue(v)),
        ]
      : values.map((v) => formatValue(v));
  return `[${shown.join(", ")}]${values.length > 6 ? ` (${values.length} values)` : ""}`;
}

function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return x.toLocaleString("en-US");
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return x.toExponential(3).replace(/\.?0+e/, "e");
  return String(Number(x.toPrecision(4)));
}

/** The paper's own figure as written (numbers as the scorecard writes them, a range as lo–hi), or "—" when the paper gives none. */
export function formatPaper(value: unknown): string {
  if (!isPaperValue(value)) return "—";
  if (Array.isArray(value)) return `${formatValue(value[0])}–${formatValue(value[1])}`;
  return formatValue(value);
}

function isPaperValue(value: unknown): value is PaperValue {
  return (
    typeof value === "number" ||
    typeof value === "string" ||
    (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === "number"))
  );
}

/** The claim card: its text, then Paper | Here | Bar | Status, then the source. */
export function renderClaimOutput(
  claim: ClaimValue,
  known: readonly KnownFailure[],
  anchor = true,
): string {
  const { status, reason } = claimStatus(claim, known);
  const figure = (label: string, value: string, className = "") =>
    `<div${className ? ` class="${className}"` : ""}><dt>${label}</dt><dd>${value}</dd></div>`;
  return (
    `<div class="claim claim-${status}"${anchor ? ` id="claim-${escapeHtml(claim.id)}"` : ""}>` +
    `<span class="claim-text">${escapeHtml(claim.text)}</span>` +
    `<dl class="claim-figures">` +
    figure("Paper", escapeHtml(formatPaper(claim.paper)), "claim-paper") +
    figure(
      "Here",
      `<strong>${escapeHtml(formatValue(claim.measured, claim.unit))}</strong>`,
      "claim-here",
    ) +
    figure("Bar", escapeHtml(formatValue(claim.expected, claim.unit)), "claim-bar") +
    figure("Status", statusBadge(status), "claim-status") +
    `</dl>` +
    `<div class="claim-detail"><cite>${escapeHtml(claim.source)}</cite>` +
    (reason ? ` · <span class="claim-reason">not reproduced: ${escapeHtml(reason)}</span>` : "") +
    `</div></div>`
  );
}

export function claimCounts(claims: readonly SiteClaim[]): {
  passed: number;
  total: number;
  failed: number;
  notReproduced: number;
} {
  return {
    passed: claims.filter((c) => c.status === "pass").length,
    failed: claims.filter((c) => c.status === "fail").length,
    notReproduced: claims.filter((c) => c.status === "not-reproduced").length,
    total: claims.length,
  };
}

/** "✓ 3/4" — the summary on the index and the scorecard: ✓ all pass, ✗ one fails, ○ only known gaps. */
export function claimSummary(claims: readonly SiteClaim[]): string {
  const { passed, total, failed } = claimCounts(claims);
  if (total === 0) return "no claims";
  return `${passed === total ? "✓" : failed > 0 ? "✗" : "○"} ${passed}/${total}`;
}

/** Why a not-reproduced claim misses, with a link to the page's section that shows the miss. */
function reasonHtml(claim: SiteClaim): string {
  if (!claim.reason) return "";
  const link = claim.missSection
    ? ` <a class="miss-link" href="#${escapeHtml(claim.missSection)}">See the measured miss</a>`
    : "";
  return `<div class="claim-reason">${escapeHtml(claim.reason)}${link}</div>`;
}

/** One row per claim: Claim (text, source, reason) | Paper | Here | Bar | Status. */
export function renderScorecard(claims: readonly SiteClaim[]): string {
  if (claims.length === 0)
    return `<section class="scorecard" aria-labelledby="scorecard-title"><h2 id="scorecard-title">Claims scorecard</h2><p>This notebook makes no claims.</p></section>`;
  const { passed, total, notReproduced } = claimCounts(claims);
  const rows = claims
    .map(
      (c) =>
        `<tr class="claim-row claim-${c.status}">` +
        `<td class="claim-cell"><a href="#${escapeHtml(c.cellId)}">${escapeHtml(c.text)}</a>` +
        `<div class="claim-source"><cite>${escapeHtml(c.source)}</cite></div>` +
        reasonHtml(c) +
        `</td><td class="num" data-label="Paper">${escapeHtml(formatPaper(c.paper))}</td>` +
        `<td class="num" data-label="Here">${escapeHtml(formatValue(c.measured, c.unit))}</td>` +
        `<td class="num" data-label="Bar">${escapeHtml(formatValue(c.expected, c.unit))}</td>` +
        `<td data-label="Status">${statusBadge(c.status)}</td></tr>`,
    )
    .join("");
  const note = notReproduced > 0 ? `, ${notReproduced} known not to reproduce yet` : "";
  return (
    `<section class="scorecard" aria-labelledby="scorecard-title">` +
    `<h2 id="scorecard-title">Claims scorecard <span class="score">${escapeHtml(claimSummary(claims))}</span></h2>` +
    `<p class="scorecard-note">${passed} of ${total} claims reproduced${note}. Paper: the figure the paper reports; Here: what this page measured; Bar: what the claim requires.</p>` +
    `<div class="table-scroll"><table><colgroup><col class="col-claim"><col class="col-value"><col class="col-value"><col class="col-value"><col class="col-status"></colgroup><thead><tr><th scope="col">Claim</th><th scope="col">Paper</th><th scope="col">Here</th><th scope="col">Bar</th><th scope="col">Status</th></tr></thead>` +
    `<tbody>${rows}</tbody></table></div></section>`
  );
}
