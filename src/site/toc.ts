// Table of contents of a notebook page from its headings (levels 2–4 after the page
// title; deeper levels stay in the text). A flat list with level classes keeps the markup
// simple and the indentation a matter of CSS. It is a `<details>`, open in the HTML (so it
// works without JavaScript); site.js folds it on narrow screens, where it would push the page down.
import { escapeHtml } from "./html.ts";
import type { Heading } from "./markdown.ts";

export function renderToc(headings: readonly Heading[], extra: readonly Heading[] = []): string {
  const items = [...extra, ...headings.filter((h) => h.level >= 2 && h.level <= 4)];
  if (items.length === 0) return "";
  const list = items
    .map(
      (h) =>
        `<li class="toc-level-${h.level}"><a href="#${escapeHtml(h.id)}">${escapeHtml(h.text)}</a></li>`,
    )
    .join("");
  return `<nav class="toc" aria-labelledby="toc-title"><details class="toc-details" open><summary id="toc-title">Contents</summary><ol>${list}</ol></details></nav>`;
}
