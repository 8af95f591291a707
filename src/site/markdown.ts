// Markdown cells and `text/markdown` outputs → HTML with markdown-it (CommonMark + tables),
// math by KaTeX (./math.ts) and fenced code by highlight.js, all at build time. Headings get
// stable ids so the table of contents (./toc.ts) and deep links can point at them. A source
// with raw HTML in it is rendered and then sanitised (./sanitize.ts), as JupyterLab does.
import MarkdownIt from "markdown-it";
import { sanitizeHtml } from "./sanitize.ts";
import { mathPlugin } from "./math.ts";
import { highlightCode } from "./highlight.ts";
import { escapeHtml, slugify } from "./html.ts";

export interface Heading {
  level: number;
  text: string;
  id: string;
}

export interface RenderedMarkdown {
  html: string;
  headings: Heading[];
  /** Plain text (for the search index and summaries). */
  text: string;
}

const md = new MarkdownIt({
  html: true, // notebook authors write HTML in markdown cells, as Jupyter allows
  linkify: false,
  typographer: false,
  highlight: (code, lang) => {
    const body = highlightCode(code, lang || "text");
    return `<pre class="code"><code class="hljs language-${escapeHtml(lang || "text")}">${body}</code></pre>`;
  },
}).use(mathPlugin);

// A "#" self-link after each heading, for sharing a section (decorative: the heading itself
// is reachable from the table of contents, so screen readers skip it).
md.renderer.rules.heading_close = (tokens, idx) => {
  let open = idx - 1;
  while (open > 0 && tokens[open]!.type !== "heading_open") open--;
  const id = String(tokens[open]!.attrGet("id") ?? "");
  const anchor = id
    ? `<a class="heading-anchor" href="#${escapeHtml(id)}" aria-hidden="true" tabindex="-1">#</a>`
    : "";
  return `${anchor}</${tokens[idx]!.tag}>\n`;
};

/**
 * Renders `source`. `usedIds` is shared across one page, so two headings with the same text
 * get `intro` and `intro-2`, the way GitHub numbers them. `headingShift` demotes headings
 * (a notebook's `#` becomes `<h2>` under the page's own `<h1>` title).
 */
export function renderMarkdown(
  source: string,
  usedIds: Set<string> = new Set(),
  headingShift = 0,
): RenderedMarkdown {
  const tokens = md.parse(source, {});
  const headings: Heading[] = [];
  const words: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === "inline") words.push(plainText(token.children ?? []));
    if (token.type !== "heading_open") continue;
    const inline = tokens[i + 1];
    const text = inline ? plainText(inline.children ?? []) : "";
    let id = slugify(text);
    for (let n = 2; usedIds.has(id); n++) id = `${slugify(text)}-${n}`;
    usedIds.add(id);
    token.attrSet("id", id);
    const level = Math.min(6, Number(token.tag.slice(1)) + headingShift);
    token.tag = `h${level}`;
    const close = tokens.slice(i + 1).find((t) => t.type === "heading_close");
    if (close) close.tag = token.tag;
    headings.push({ level, text, id });
  }
  const html = md.renderer.render(tokens, md.options, {});
  // Only raw HTML can carry script: markdown-it escapes text and refuses javascript: links.
  const raw = tokens.some(
    (t) => t.type === "html_block" || t.children?.some((c) => c.type === "html_inline"),
  );
  return { html: raw ? sanitizeHtml(html) : html, headings, text: words.join(" ") };
}

/** Visible text of inline tokens; math keeps its TeX source so search finds `\alpha` too. */
function plainText(children: { type: string; content: string; children: unknown }[]): string {
  return children
    .map((child) =>
      child.type === "text" || child.type === "code_inline" || child.type.startsWith("math")
        ? child.content
        : "",
    )
    .join("");
}
