// Table of contents of a notebook page from its headings (levels 2–4 after the page
// title; deeper levels stay in the text). A flat list with level classes keeps the markup
// simple and the indentation a matter of CSS.
import { escapeHtml } from "./html.ts";
import type { Heading } from "./markdown.ts";

export function renderToc(headings: readonly Heading[], extra: readonly Heading[] = []): string {
  const items = [...extra, ...headings.filter((h) => h.level >= 2 && h.level <= 4)];
  if (items.length === 0) return "";
  const list = items.map((h) => `<li class="toc-level-${h.level}"><a href="#${escapeHtml(h.id)}">${escapeHtml(h.text)}</a></li>`).join("");
  return `<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">Contents</h2><ol>${list}</ol></nav>`;
}
