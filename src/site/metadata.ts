// `metadata.tsnb` (DESIGN.md "Notebook metadata") read leniently for display: a missing
// field gets a visible default rather than failing the build, since the notebook format
// layer (src/notebook) is where the metadata is validated.
import type { INotebookContent } from "@jupyterlab/nbformat";
import type { KnownFailure } from "./claims.ts";
import { escapeHtml } from "./html.ts";

export interface Paper {
  title: string;
  authors: string | string[];
  year: number | string;
  url?: string;
}

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
  const meta = (nb.metadata?.tsnb ?? {}) as Partial<NotebookInfo> & Record<string, unknown>;
  const info: NotebookInfo = {
    slug: typeof meta.slug === "string" && meta.slug !== "" ? meta.slug : fileSlug,
    title: typeof meta.title === "string" && meta.title !== "" ? meta.title : fileSlug,
    papers: Array.isArray(meta.papers) ? (meta.papers as Paper[]) : [],
    summary: typeof meta.summary === "string" ? meta.summary : "",
    known_failures: Array.isArray(meta.known_failures)
      ? (meta.known_failures as KnownFailure[])
      : [],
  };
  if (typeof meta.seed === "number") info.seed = meta.seed;
  if (typeof meta.budget_seconds === "number") info.budget_seconds = meta.budget_seconds;
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
  const title = paper.url
    ? `<a href="${escapeHtml(paper.url)}">${escapeHtml(paper.title)}</a>`
    : escapeHtml(paper.title);
  return `${escapeHtml(authors)} (${escapeHtml(String(paper.year))}). <cite>${title}</cite>.`;
}
