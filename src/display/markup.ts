// md`…`, tex`…`, html`…`: tagged templates (also callable with a plain string) returning small
// branded values whose MIME bundle is Markdown, LaTeX or HTML. They do not display themselves:
// a cell's last expression shows them, or `display(md`…`)`. Interpolated numbers go through
// formatNumber so float noise does not reach the page; template text is taken raw.
import { formatNumber } from "./format.ts";
import { MIME_HOOK, type Bundle } from "./mime.ts";

export type MarkupKind = "markdown" | "latex" | "html";

const MIME: Record<MarkupKind, string> = {
  markdown: "text/markdown",
  latex: "text/latex",
  html: "text/html",
};

/** Markdown, LaTeX or HTML text (made by md`…`, tex`…`, html`…`) that displays with its own MIME type. */
export class Markup {
  constructor(
    readonly kind: MarkupKind,
    readonly text: string,
  ) {}

  toString(): string {
    return this.text;
  }

  [MIME_HOOK](): Bundle {
    const body = this.kind === "latex" ? `$$${this.text}$$` : this.text;
    const plain = this.kind === "html" ? this.text.replace(/<[^>]*>/g, "") : this.text;
    return { data: { [MIME[this.kind]]: body, "text/plain": plain }, metadata: {} };
  }
}

function interpolate(value: unknown): string {
  if (typeof value === "number") return formatNumber(value);
  if (value instanceof Markup) return value.text;
  return String(value);
}

export type MarkupTag = (strings: TemplateStringsArray | string, ...values: unknown[]) => Markup;

function markupTag(kind: MarkupKind): MarkupTag {
  return (strings, ...values) => {
    if (typeof strings === "string") return new Markup(kind, strings);
    // Raw strings, as String.raw: `tex\`\frac{a}{b}\`` must keep its backslashes (cooked, `\f` is a form feed).
    const raw = strings.raw;
    let text = raw[0] ?? "";
    values.forEach((value, i) => (text += interpolate(value) + (raw[i + 1] ?? "")));
    return new Markup(kind, text);
  };
}

/** Markdown (CommonMark + `$…$` math as JupyterLab renders it). */
export const md: MarkupTag = markupTag("markdown");
/** A display-math LaTeX block, shown as `$$…$$`. */
export const tex: MarkupTag = markupTag("latex");
/** Raw HTML. */
export const html: MarkupTag = markupTag("html");
