// One notebook → its page `<slug>/index.html`: header (title, citations, download),
// claims scorecard first (the reader's question is "did it reproduce?"), the cells, a
// table of contents, previous/next links and a provenance footer. Pure: the build passes
// in everything (template, dates, versions), so the same input renders the same bytes.
import type { INotebookContent } from "@jupyterlab/nbformat";
import { escapeHtml } from "./html.ts";
import { raisedUnexpectedly, renderCell } from "./cells.ts";
import { cellAnchor, collectClaims, linkMissSections, type SiteClaim } from "./claims.ts";
import { renderScorecard } from "./scorecard.ts";
import { renderParameters } from "./parameters.ts";
import { renderToc } from "./toc.ts";
import { renderLayout } from "./layout.ts";
import { citationHtml, type NotebookInfo } from "./metadata.ts";
import type { Heading } from "./markdown.ts";
import { PLOT_MIME } from "./mime-types.ts";

export interface Provenance {
  tsnbVersion: string;
  nodeVersion: string;
  /** ISO date of this build. */
  buildDate: string;
  /** ISO date the outputs were computed (earlier than buildDate when cached). */
  executedAt: string;
  seconds?: number;
  cached: boolean;
  cacheKey?: string;
}

export interface PageLink {
  slug: string;
  title: string;
}

export interface PageInput {
  info: NotebookInfo;
  /** The executed notebook (with outputs). */
  notebook: INotebookContent;
  prev?: PageLink;
  next?: PageLink;
  provenance: Provenance;
  template: string;
  /** Why execution did not complete, shown above the cells. */
  failure?: string;
}

export interface SearchDoc {
  id: string;
  title: string;
  url: string;
  text: string;
}

export interface RenderedPage {
  html: string;
  claims: SiteClaim[];
  headings: Heading[];
  searchDocs: SearchDoc[];
  hasPlots: boolean;
}

export function renderNotebookPage(input: PageInput): RenderedPage {
  const { info, notebook } = input;
  const usedIds = new Set([
    "main",
    "scorecard-title",
    "toc-title",
    "search-input",
    "search-results",
  ]);
  const language = String(
    notebook.metadata?.kernelspec?.language ??
      notebook.metadata?.language_info?.name ??
      "typescript",
  );
  const ctx = { knownFailures: info.known_failures, usedIds, headingShift: 1, language };
  const headings: Heading[] = [];
  const cellsHtml: string[] = [];
  const url = `${info.slug}/index.html`;
  const docs: SearchDoc[] = [
    {
      id: info.slug,
      title: info.title,
      url,
      text: `${info.summary} ${info.papers.map((p) => p.title).join(" ")}`,
    },
  ];
  const cells = withoutTitleHeading(notebook.cells, info.title);
  cells.forEach((cell, index) => {
    const rendered = renderCell(cell, index, ctx);
    cellsHtml.push(rendered.html);
    headings.push(...rendered.headings);
    const first = rendered.headings[0];
    if (first)
      docs.push({
        id: `${info.slug}#${first.id}`,
        title: `${info.title} › ${first.text}`,
        url: `${url}#${first.id}`,
        text: rendered.text,
      });
    else docs[docs.length - 1]!.text += ` ${rendered.text}`;
  });
  const claims = linkMissSections(collectClaims(notebook.cells, info.known_failures), headings);
  for (const claim of claims) docs[0]!.text += ` ${claim.text} ${claim.source}`;
  const hasPlots = notebook.cells.some(
    (cell) => cell.cell_type === "code" && JSON.stringify(cell.outputs ?? []).includes(PLOT_MIME),
  );

  const body =
    `<div class="page-grid">` +
    renderToc(headings, [{ level: 2, text: "Claims scorecard", id: "scorecard-title" }]) +
    `<main id="main" tabindex="-1"><article class="notebook">` +
    renderHeader(input) +
    renderScorecard(claims) +
    renderErrorNotice(notebook.cells) +
    (input.failure
      ? `<div class="build-failure" role="alert"><strong>Execution did not complete:</strong> ${escapeHtml(input.failure)}</div>`
      : "") +
    `<div class="cells">${cellsHtml.join("\n")}</div>` +
    `</article>${renderPager(input.prev, input.next)}</main></div>`;

  const scripts = hasPlots
    ? `<script src="../assets/d3.min.js" defer></script>\n<script src="../assets/plot.umd.min.js" defer></script>\n<script src="../assets/plot-spec.js" defer></script>\n`
    : "";
  const html = renderLayout(input.template, {
    root: "..",
    title: `${info.title} · tsnb`,
    description: info.summary,
    scripts,
    body,
    footer: renderProvenance(input.provenance, info),
    bodyClass: "page-notebook",
  });
  return { html, claims, headings, searchDocs: docs, hasPlots };
}

/**
 * The page header already shows the title: a first markdown cell that opens with the same
 * `# Title` loses that line (as Jupyter Book takes a notebook's first heading as its title).
 */
function withoutTitleHeading(
  cells: INotebookContent["cells"],
  title: string,
): INotebookContent["cells"] {
  const first = cells.findIndex((cell) => cell.cell_type === "markdown");
  if (first < 0) return cells;
  const source = Array.isArray(cells[first]!.source)
    ? (cells[first]!.source as string[]).join("")
    : (cells[first]!.source as string);
  const match = /^\s*#\s+(.+?)\s*#*\s*(?:\n|$)/.exec(source);
  const normalize = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  if (!match || normalize(match[1]!) !== normalize(title)) return cells;
  const copy = [...cells];
  copy[first] = { ...cells[first]!, source: source.slice(match[0].length) };
  return copy;
}

function renderHeader({ info, notebook }: PageInput): string {
  const papers = info.papers.length
    ? `<section class="papers" aria-label="Papers reproduced"><h2 class="visually-hidden">Papers</h2><ul>${info.papers.map((p) => `<li>${citationHtml(p)}</li>`).join("")}</ul></section>`
    : "";
  return (
    `<header class="notebook-header">` +
    `<p class="breadcrumb"><a href="../index.html">All reproductions</a></p>` +
    `<h1>${escapeHtml(info.title)}</h1>` +
    (info.summary ? `<p class="summary">${escapeHtml(info.summary)}</p>` : "") +
    papers +
    `<p class="downloads"><a href="${escapeHtml(info.slug)}.ipynb" download>Download the notebook (.ipynb)</a></p>` +
    renderParameters(notebook, info.slug) +
    `</header>`
  );
}

/** Cells that raised, listed under the scorecard with links, so an error is never buried. */
function renderErrorNotice(cells: INotebookContent["cells"]): string {
  const failing = cells
    .map((cell, index) => ({ cell, index }))
    .filter(({ cell }) => raisedUnexpectedly(cell));
  if (failing.length === 0) return "";
  const links = failing
    .map(({ cell, index }) => `<a href="#${cellAnchor(cell, index)}">cell ${index + 1}</a>`)
    .join(", ");
  return `<p class="error-notice" role="note"><strong>${failing.length === 1 ? "A cell raised an error" : `${failing.length} cells raised errors`}:</strong> ${links}.</p>`;
}

function renderPager(prev?: PageLink, next?: PageLink): string {
  if (!prev && !next) return "";
  const link = (page: PageLink, rel: "prev" | "next") =>
    `<a class="pager-${rel}" rel="${rel}" href="../${escapeHtml(page.slug)}/index.html"><span class="pager-label">${rel === "prev" ? "← Previous" : "Next →"}</span> <span class="pager-title">${escapeHtml(page.title)}</span></a>`;
  return `<nav class="pager" aria-label="Previous and next notebook">${prev ? link(prev, "prev") : "<span></span>"}${next ? link(next, "next") : "<span></span>"}</nav>`;
}

function renderProvenance(p: Provenance, info: NotebookInfo): string {
  const items = [
    ["tsnb", p.tsnbVersion],
    ["Node", p.nodeVersion],
    ["seed", info.seed === undefined ? "—" : String(info.seed)],
    [
      "executed",
      p.executedAt +
        (p.seconds !== undefined ? ` in ${p.seconds.toFixed(1)} s` : "") +
        (p.cached ? " (cached)" : ""),
    ],
    ["built", p.buildDate],
  ];
  if (p.cacheKey) items.push(["cache key", p.cacheKey.slice(0, 12)]);
  return `<dl class="provenance">${items.map(([k, v]) => `<div><dt>${escapeHtml(k!)}</dt><dd>${escapeHtml(v!)}</dd></div>`).join("")}</dl>`;
}
