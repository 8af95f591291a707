// The site's front page: one card per notebook (title, papers, summary, thumbnail chart,
// claim status ✓ n/m) in the notebooks' order, and the site-wide tally.
import { escapeHtml } from "./html.ts";
import { renderLayout } from "./layout.ts";
import { shortCitation, type NotebookInfo } from "./metadata.ts";
import { claimCounts, claimSummary } from "./scorecard.ts";
import type { SiteClaim } from "./claims.ts";

export interface IndexEntry {
  info: NotebookInfo;
  claims: SiteClaim[];
  hasThumbnail: boolean;
  errors: number;
}

export function renderIndexPage(
  entries: readonly IndexEntry[],
  template: string,
  footer: string,
): string {
  const all = entries.flatMap((e) => e.claims);
  const { passed, total } = claimCounts(all);
  const cards = entries.map(renderCard).join("\n");
  const body =
    `<main id="main" tabindex="-1" class="index">` +
    `<h1>Reproductions</h1>` +
    `<p class="lede">Machine-learning phenomena reproduced in TypeScript notebooks, each checked against its paper's claims. ` +
    `${passed} of ${total} claims reproduced across ${entries.length} notebook${entries.length === 1 ? "" : "s"}.</p>` +
    `<ul class="cards">${cards}</ul></main>`;
  return renderLayout(template, {
    root: ".",
    title: "tsnb · reproductions",
    description: "Machine-learning research phenomena reproduced in TypeScript notebooks.",
    scripts: "",
    body,
    footer,
    bodyClass: "page-index",
  });
}

function renderCard(entry: IndexEntry): string {
  const { info, claims } = entry;
  const href = `${escapeHtml(info.slug)}/index.html`;
  const { passed, total, notReproduced, failed } = claimCounts(claims);
  const state =
    total > 0 && passed === total && entry.errors === 0
      ? "pass"
      : failed > 0 || entry.errors > 0
        ? "fail"
        : "not-reproduced";
  const detail = [
    notReproduced ? `${notReproduced} not reproduced` : "",
    failed ? `${failed} failed` : "",
    entry.errors ? `${entry.errors} cell error${entry.errors > 1 ? "s" : ""}` : "",
  ]
    .filter(Boolean)
    .join(", ");
  const thumb = entry.hasThumbnail
    ? `<img class="thumb" src="${escapeHtml(info.slug)}/thumb.svg" alt="First chart of ${escapeHtml(info.title)}" loading="lazy" width="320" height="200">`
    : `<div class="thumb thumb-empty" aria-hidden="true"></div>`;
  return (
    `<li class="card" data-slug="${escapeHtml(info.slug)}"><article>` +
    `<a class="thumb-link" href="${href}" tabindex="-1" aria-hidden="true">${thumb}</a>` +
    `<h2><a href="${href}">${escapeHtml(info.title)}</a></h2>` +
    (info.papers.length
      ? `<p class="card-papers">${info.papers.map((p) => escapeHtml(shortCitation(p))).join("; ")}</p>`
      : "") +
    (info.summary ? `<p class="card-summary">${escapeHtml(info.summary)}</p>` : "") +
    `<p class="card-status"><span class="status status-${state}" aria-label="${passed} of ${total} claims reproduced">${escapeHtml(claimSummary(claims))}</span>` +
    (detail ? ` <span class="card-detail">${escapeHtml(detail)}</span>` : "") +
    `</p></article></li>`
  );
}
