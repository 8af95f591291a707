// Output MIME bundles → HTML by a priority table (CONVENTIONS: a registry, not a switch).
// The first entry whose MIME type is in the bundle renders it. tsnb's own types come first
// (a claim, a Plot chart with its redraw spec), then the order Jupyter front ends use for
// rich output: SVG, HTML, markdown, LaTeX, PNG/JPEG/GIF, JSON, plain text.
import type { IMimeBundle } from "@jupyterlab/nbformat";
import { escapeHtml, joinSource, jsonForScript } from "./html.ts";
import { renderMarkdown } from "./markdown.ts";
import { renderTex } from "./math.ts";
import { ansiToHtml } from "./ansi.ts";
import { CLAIM_MIME, PLOT_MIME } from "./mime-types.ts";
import { renderClaimOutput } from "./scorecard.ts";
import { isClaimValue, type KnownFailure } from "./claims.ts";

export interface MimeContext {
  knownFailures: readonly KnownFailure[];
  /** Heading ids already used on the page (markdown outputs may add headings). */
  usedIds: Set<string>;
  /** Levels to demote headings by (the page title is the only `<h1>`). */
  headingShift: number;
}

export interface MimeRenderer {
  mime: string;
  render(bundle: IMimeBundle, ctx: MimeContext): string;
}

const text = (bundle: IMimeBundle, mime: string): string => {
  const value = bundle[mime];
  return typeof value === "string" || Array.isArray(value)
    ? joinSource(value as string | string[])
    : JSON.stringify(value);
};

/** An image's alt text: its plain-text representation when that is a short description. */
const imageAlt = (bundle: IMimeBundle): string => {
  const plain = bundle["text/plain"];
  return typeof plain === "string" && plain.length < 200 && !plain.startsWith("<")
    ? plain
    : "Output image";
};

const image = (mime: string) => (bundle: IMimeBundle) =>
  `<img class="output-image" alt="${escapeHtml(imageAlt(bundle))}" src="data:${mime};base64,${text(bundle, mime).replace(/\s/g, "")}">`;

export const MIME_RENDERERS: readonly MimeRenderer[] = [
  {
    mime: CLAIM_MIME,
    render: (bundle, ctx) => {
      const raw = bundle[CLAIM_MIME];
      const value = typeof raw === "string" ? JSON.parse(raw) : raw;
      if (!isClaimValue(value))
        return `<pre class="output-text">${escapeHtml(text(bundle, "text/plain"))}</pre>`;
      // a claim shown twice (re-displayed) keeps its anchor on the first showing only
      const anchor = !ctx.usedIds.has(`claim-${value.id}`);
      ctx.usedIds.add(`claim-${value.id}`);
      return renderClaimOutput(value, ctx.knownFailures, anchor);
    },
  },
  { mime: PLOT_MIME, render: (bundle) => renderPlot(bundle) },
  {
    mime: "image/svg+xml",
    render: (bundle) => `<div class="output-svg">${text(bundle, "image/svg+xml")}</div>`,
  },
  {
    mime: "text/html",
    render: (bundle) => `<div class="output-html">${text(bundle, "text/html")}</div>`,
  },
  {
    mime: "text/markdown",
    render: (bundle, ctx) =>
      `<div class="output-markdown prose">${renderMarkdown(text(bundle, "text/markdown"), ctx.usedIds, ctx.headingShift).html}</div>`,
  },
  {
    mime: "text/latex",
    render: (bundle) =>
      `<div class="output-latex">${renderTex(stripMathDelimiters(text(bundle, "text/latex")), true)}</div>`,
  },
  { mime: "image/png", render: image("image/png") },
  { mime: "image/jpeg", render: image("image/jpeg") },
  { mime: "image/gif", render: image("image/gif") },
  {
    mime: "application/json",
    render: (bundle) =>
      `<pre class="output-json"><code>${escapeHtml(JSON.stringify(bundle["application/json"], null, 2))}</code></pre>`,
  },
  {
    mime: "text/plain",
    render: (bundle) => `<pre class="output-text">${ansiToHtml(text(bundle, "text/plain"))}</pre>`,
  },
];

/** The renderer chosen for `bundle`, or undefined when no type is known. */
export function chooseRenderer(
  bundle: IMimeBundle,
  table: readonly MimeRenderer[] = MIME_RENDERERS,
): MimeRenderer | undefined {
  return table.find((renderer) => bundle[renderer.mime] !== undefined);
}

export function renderMimeBundle(bundle: IMimeBundle, ctx: MimeContext): string {
  const renderer = chooseRenderer(bundle);
  if (renderer) return renderer.render(bundle, ctx);
  const types = Object.keys(bundle).join(", ");
  return `<p class="output-unknown">Output of type ${escapeHtml(types || "(none)")} has no renderer.</p>`;
}

/**
 * A Plot chart: the build-time figure (readable without JavaScript and in print: the whole
 * figure with legends when Plot made one, else the SVG) and the redraw spec the client
 * script (site/assets/site.js) hands to Observable Plot, adding tooltips.
 */
function renderPlot(bundle: IMimeBundle): string {
  const spec = bundle[PLOT_MIME];
  const label = altText(bundle);
  const figure =
    bundle["text/html"] !== undefined
      ? text(bundle, "text/html")
      : labelSvg(bundle["image/svg+xml"] !== undefined ? text(bundle, "image/svg+xml") : "", label);
  return (
    `<figure class="plot" aria-label="${escapeHtml(label)}">` +
    `<div class="plot-static">${figure}</div>` +
    `<script type="application/json" class="plot-spec">${jsonForScript(spec)}</script>` +
    `</figure>`
  );
}

/**
 * Charts need a text alternative: the plot's own ariaLabel/title/caption; else one built
 * from its axis labels ("Chart: score against parameters N"); else the output's plain text.
 */
function altText(bundle: IMimeBundle): string {
  const spec = bundle[PLOT_MIME] as Record<string, unknown> | undefined;
  const options = (spec?.options ?? spec) as Record<string, unknown> | undefined;
  for (const key of ["ariaLabel", "title", "caption", "alt"]) {
    const value = options?.[key] ?? spec?.[key];
    if (typeof value === "string" && value.trim() !== "") return value.trim();
  }
  const axis = (name: string) => {
    const scale = options?.[name] as { label?: unknown } | undefined;
    return typeof scale?.label === "string" && scale.label.trim() !== ""
      ? scale.label.trim()
      : undefined;
  };
  const [x, y] = [axis("x"), axis("y")];
  if (x && y) return `Chart: ${y} against ${x}`;
  if (x || y) return `Chart of ${x ?? y}`;
  const plain = bundle["text/plain"];
  if (typeof plain === "string" && plain.length < 200 && !plain.startsWith("<"))
    return `Chart: ${plain}`;
  return "Chart";
}

function labelSvg(svg: string, label: string): string {
  return svg.replace(/<svg\b([^>]*)>/, (tag, attrs: string) => {
    let extra = "";
    if (!/\brole=/.test(attrs)) extra += ` role="img"`;
    if (!/\baria-label=/.test(attrs)) extra += ` aria-label="${escapeHtml(label)}"`;
    return `<svg${attrs}${extra}>`;
  });
}

function stripMathDelimiters(tex: string): string {
  const trimmed = tex.trim();
  const match =
    /^\$\$([\s\S]*)\$\$$/.exec(trimmed) ??
    /^\$([\s\S]*)\$$/.exec(trimmed) ??
    /^\\\[([\s\S]*)\\\]$/.exec(trimmed);
  return match ? match[1]! : trimmed;
}
