// Client-side full-text search: a MiniSearch index built here, shipped as a script
// (`assets/search-index.js`, not JSON fetched at runtime, so search works from file://)
// and loaded by site.js on first use. Options must match the client's `loadJSON` call.
import MiniSearch from "minisearch";
import type { SearchDoc } from "./page.ts";

export const SEARCH_OPTIONS = {
  fields: ["title", "text"],
  storeFields: ["title", "url", "excerpt"],
} as const;

export function buildSearchIndex(docs: readonly SearchDoc[]): string {
  const search = new MiniSearch<SearchDoc & { excerpt: string }>({
    ...SEARCH_OPTIONS,
    fields: [...SEARCH_OPTIONS.fields],
    storeFields: [...SEARCH_OPTIONS.storeFields],
  });
  search.addAll(
    docs.map((doc) => ({
      ...doc,
      text: doc.text.replace(/\s+/g, " ").trim(),
      excerpt: excerpt(doc.text),
    })),
  );
  return JSON.stringify(search);
}

/** The script body: defines `tsnbSearchIndex` (a JSON string) and the options. */
export function searchIndexScript(indexJson: string): string {
  return `window.tsnbSearchIndex = ${JSON.stringify(indexJson)};\nwindow.tsnbSearchOptions = ${JSON.stringify(SEARCH_OPTIONS)};\n`;
}

function excerpt(text: string): string {
  const clean = text.replace(/\s+/g, " ").trim();
  return clean.length > 160 ? `${clean.slice(0, 157)}…` : clean;
}
