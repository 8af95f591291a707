// `metadata.tsnb` (DESIGN.md "Notebook metadata") as the site shows it: the notebook layer
// (src/notebook/metadata.ts) has checked the fields' types when the notebook was read; a
// missing field gets a visible default here (the file's name for title and slug).
import type { INotebookContent } from "@jupyterlab/nbformat";
import { isPaperUrl, paperHref, tsnbMetadata } from "../notebook/metadata.ts";
import type { KnownFailure, Paper } from "../notebook/metadata.ts";
import type { Notebook } from "../notebook/types.ts";
import { escapeHtml } from "./html.ts";

export type { Paper };

export interface NotebookInfo {
  slug: string;
  title: string;
  papers: Paper[];
  summary: string;
  seed?: number;
  budget_seconds?: number;
  known_failures: KnownFailure[];
}

export function notebookInfo(nb: INotebookContent, fileSlug: string): NotebookInfo {
  const meta = tsnbMetadata(nb as Notebook);
  const info: NotebookInfo = {
    slug: meta.slug || fileSlug,
    title: meta.title || fileSlug,
    papers: meta.papers ?? [],
    summary: meta.summary ?? "",
    known_failures: meta.known_failures ?? [],
  };
  if (meta.seed !== undefined) info.seed = meta.seed;
  if (meta.budget_seconds !== undefined) info.budget_seconds = meta.budget_seconds;
  return info;
}

/** "Prieto, Barsbey et al. (2025)" — the short form used on cards and in the scorecard. */
export function shortCitation(paper: Paper): string {
  const authors = (
    Array.isArray(paper.authors) ? paper.authors : paper.authors.split(/,\s*|\s+and\s+/)
  )
    .map((name) => name.trim())
    .filter((name) => name !== "" && !/^et al\.?$/.test(name));
  const surname = (name: string) => name.split(/\s+/).pop() ?? name;
  let who: string;
  if (authors.length === 1 && /\bet al\b/.test(authors[0]!))
    who = authors[0]!; // "Chen et al."
  else if (authors.length > 2 || /\bet al\b/.test(String(paper.authors)))
    who = `${surname(authors[0] ?? "")} et al.`;
  else who = authors.map(surname).join(" & ");
  return `${who} (${paper.year})`;
}

/** Full citation as HTML: authors (year). *Title*. linked when the paper has a URL. */
export function citationHtml(paper: Paper): string {
  const authors = Array.isArray(paper.authors) ? paper.authors.join(", ") : paper.authors;
  const title =
    paper.url && isPaperUrl(paper.url)
      ? `<a href="${escapeHtml(paperHref(paper.url))}">${escapeHtml(paper.title)}</a>`
      : escapeHtml(paper.title);
  return `${escapeHtml(authors)} (${escapeHtml(String(paper.year))}). <cite>${title}</cite>.`;
}
