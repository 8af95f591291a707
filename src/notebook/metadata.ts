// `metadata.tsnb` (DESIGN.md "Notebook metadata"): checked once when a notebook is read, so a
// misspelt or mistyped field stops `tsnb run` and `build-site` with one line naming the file and
// the field, instead of a claim silently counting as a failure or a page losing its papers.
// Every field is optional: a notebook from elsewhere, without tsnb metadata, still runs.
import { NotebookError } from "./errors.ts";
import type { Notebook } from "./types.ts";

export interface Paper {
  title: string;
  authors: string | string[];
  year: number | string;
  url?: string;
}

export interface KnownFailure {
  id: string;
  reason: string;
}

export interface TsnbMetadata {
  slug?: string;
  title?: string;
  papers?: Paper[];
  summary?: string;
  seed?: number;
  budget_seconds?: number;
  known_failures?: KnownFailure[];
  [key: string]: unknown;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function got(value: unknown): string {
  if (value === null) return "got null";
  if (Array.isArray(value)) return "got an array";
  if (typeof value === "string") return `got ${JSON.stringify(value)}`;
  if (typeof value === "number") return `got ${value}`;
  return `got ${typeof value}`;
}

/** Throws a NotebookError naming `metadata.tsnb.<field>` when the tsnb metadata is malformed. */
export function validateTsnbMetadata(metadata: Json, file: string): void {
  const tsnb = metadata.tsnb;
  if (tsnb === undefined) return;
  const fail = (field: string, expected: string, value: unknown): never => {
    throw NotebookError.at({ file, field: `metadata.tsnb${field}`, expected, problem: got(value) });
  };
  if (!isObject(tsnb)) fail("", "an object", tsnb);
  const t = tsnb as Json;
  for (const key of ["slug", "title", "summary"] as const) {
    if (t[key] !== undefined && typeof t[key] !== "string") fail(`.${key}`, "a string", t[key]);
  }
  if (typeof t.slug === "string" && !/^[a-z0-9][a-z0-9-]*$/.test(t.slug))
    fail(".slug", "lower-case letters, digits and hyphens (it names the page)", t.slug);
  if (t.seed !== undefined && !(typeof t.seed === "number" && Number.isSafeInteger(t.seed)))
    fail(".seed", "an integer", t.seed);
  if (
    t.budget_seconds !== undefined &&
    !(typeof t.budget_seconds === "number" && t.budget_seconds > 0)
  )
    fail(".budget_seconds", "a positive number of seconds", t.budget_seconds);
  if (t.papers !== undefined) {
    if (!Array.isArray(t.papers))
      fail(".papers", "an array of {title, authors, year, url?}", t.papers);
    (t.papers as unknown[]).forEach((paper, i) => {
      const at = `.papers[${i}]`;
      if (!isObject(paper)) return fail(at, "an object {title, authors, year, url?}", paper);
      if (typeof paper.title !== "string") fail(`${at}.title`, "a string", paper.title);
      const authors = paper.authors;
      if (
        typeof authors !== "string" &&
        !(Array.isArray(authors) && authors.every((a) => typeof a === "string"))
      )
        fail(`${at}.authors`, "a string or an array of strings", authors);
      if (typeof paper.year !== "number" && typeof paper.year !== "string")
        fail(`${at}.year`, "a number or a string", paper.year);
      if (paper.url !== undefined && !isPaperUrl(paper.url))
        fail(`${at}.url`, "an http(s) URL or a DOI (10.NNNN/…)", paper.url);
    });
  }
  if (t.known_failures !== undefined) {
    if (!Array.isArray(t.known_failures))
      fail(".known_failures", "an array of {id, reason}", t.known_failures);
    const seen = new Set<string>();
    (t.known_failures as unknown[]).forEach((entry, i) => {
      const at = `.known_failures[${i}]`;
      if (!isObject(entry)) return fail(at, "an object {id, reason}", entry);
      if (typeof entry.id !== "string" || entry.id === "")
        fail(`${at}.id`, "the id of a claim in this notebook", entry.id);
      if (typeof entry.reason !== "string" || entry.reason.trim() === "")
        fail(`${at}.reason`, "a sentence saying why the claim does not reproduce", entry.reason);
      if (seen.has(entry.id as string)) fail(`${at}.id`, "each claim listed once", entry.id);
      seen.add(entry.id as string);
    });
  }
}

/** The notebook's `metadata.tsnb` (validated when the notebook was read), or {} without one. */
export function tsnbMetadata(nb: Notebook): TsnbMetadata {
  const value = (nb.metadata as { tsnb?: unknown }).tsnb;
  return isObject(value) ? (value as TsnbMetadata) : {};
}

/**
 * "over its 150 s budget" when a run took longer than the
 * notebook's stated budget, else undefined. A warning, never a failure: timings vary by machine.
 */
export function overBudget(nb: Notebook, seconds: number): string | undefined {
  const budget = tsnbMetadata(nb).budget_seconds;
  if (budget === undefined || !(seconds > budget)) return undefined;
  return `over its ${budget} s budget`;
}

/**
 * A paper's link: an absolute http(s) URL, or a bare DOI (shown as https://doi.org/DOI).
 * Anything else (javascript:, data:, relative paths) would be a clickable link on the site.
 */
export function isPaperUrl(value: unknown): value is string {
  if (typeof value !== "string") return false;
  if (DOI.test(value)) return true;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
  } catch {
    return false;
  }
}

const DOI = /^10\.\d{4,9}\/\S+$/;

/** The address a paper's `url` links to: the URL itself, or a DOI resolved through doi.org. */
export function paperHref(url: string): string {
  return DOI.test(url) ? `https://doi.org/${url}` : url;
}
