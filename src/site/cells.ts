// One notebook cell → HTML. Code is highlighted at build time and collapsible (`<details>`,
// no script needed); outputs go through the MIME table (./mime.ts). Jupyter's own hiding
// conventions are honoured: `metadata.jupyter.source_hidden`/`outputs_hidden`, and the
// Jupyter Book tags `hide-input`, `remove-input`, `remove-output`, `remove-cell`.
import type { ICell, IOutput, IMimeBundle } from "@jupyterlab/nbformat";
import { escapeHtml, joinSource } from "./html.ts";
import { highlightCode } from "./highlight.ts";
import { renderMarkdown, type Heading } from "./markdown.ts";
import { renderMimeBundle, type MimeContext } from "./mime.ts";
import { ansiToHtml } from "./ansi.ts";
import { cellAnchor } from "./claims.ts";

export interface RenderedCell {
  html: string;
  headings: Heading[];
  /** Prose of the cell, for search. */
  text: string;
}

export function renderCell(
  cell: ICell,
  index: number,
  ctx: MimeContext & { language: string },
): RenderedCell {
  const tags = new Set(((cell.metadata?.tags as string[] | undefined) ?? []).map(String));
  const anchor = cellAnchor(cell, index);
  if (tags.has("remove-cell")) return { html: "", headings: [], text: "" };
  const source = joinSource(cell.source);
  if (cell.cell_type === "markdown") {
    const md = renderMarkdown(source, ctx.usedIds, ctx.headingShift);
    return {
      html: `<div class="cell cell-markdown prose" id="${anchor}">${md.html}</div>`,
      headings: md.headings,
      text: md.text,
    };
  }
  if (cell.cell_type === "raw") {
    return {
      html: `<div class="cell cell-raw" id="${anchor}"><pre>${escapeHtml(source)}</pre></div>`,
      headings: [],
      text: "",
    };
  }
  const jupyter = (cell.metadata?.jupyter ?? {}) as {
    source_hidden?: boolean;
    outputs_hidden?: boolean;
  };
  const count = typeof cell.execution_count === "number" ? String(cell.execution_count) : " ";
  let input = "";
  if (!tags.has("remove-input") && source.trim() !== "") {
    const open = jupyter.source_hidden || tags.has("hide-input") ? "" : " open";
    input =
      `<details class="cell-input"${open}><summary><span class="prompt">In [${count}]</span> <span class="summary-label">code</span></summary>` +
      `<pre class="code"><code class="hljs language-${escapeHtml(ctx.language)}">${highlightCode(source, ctx.language)}</code></pre></details>`;
  }
  const outputs = (cell.outputs as IOutput[] | undefined) ?? [];
  const hideOutputs = tags.has("remove-output") || jupyter.outputs_hidden === true;
  const outputHtml = hideOutputs ? "" : outputs.map((output) => renderOutput(output, ctx)).join("");
  const errorClass = outputs.some((o) => o.output_type === "error") ? " cell-has-error" : "";
  return {
    html: `<div class="cell cell-code${errorClass}" id="${anchor}">${input}${outputHtml ? `<div class="cell-outputs">${outputHtml}</div>` : ""}</div>`,
    headings: [],
    text: "",
  };
}

/**
 * True when a code cell has an error output and is not tagged `raises-exception` (nbclient's
 * convention, which the runner follows: such a cell is expected to fail).
 */
export function raisedUnexpectedly(cell: ICell): boolean {
  if (cell.cell_type !== "code") return false;
  const tags = (cell.metadata?.tags as string[] | undefined) ?? [];
  if (tags.includes("raises-exception")) return false;
  return ((cell.outputs as IOutput[] | undefined) ?? []).some((o) => o.output_type === "error");
}

export function renderOutput(output: IOutput, ctx: MimeContext): string {
  switch (output.output_type) {
    case "stream": {
      const name = output.name === "stderr" ? "stderr" : "stdout";
      return `<pre class="output-stream stream-${name}">${ansiToHtml(joinSource(output.text as string | string[]))}</pre>`;
    }
    case "error": {
      const traceback =
        ((output.traceback as string[] | undefined) ?? []).join("\n") ||
        `${output.ename}: ${output.evalue}`;
      return (
        `<div class="output-error" role="note" aria-label="Error: ${escapeHtml(String(output.ename))}">` +
        `<p class="error-title">${escapeHtml(String(output.ename))}: ${escapeHtml(String(output.evalue))}</p>` +
        `<pre class="traceback">${ansiToHtml(traceback)}</pre></div>`
      );
    }
    case "display_data":
    case "execute_result":
      return `<div class="output output-${output.output_type}">${renderMimeBundle(output.data as IMimeBundle, ctx)}</div>`;
    default:
      return "";
  }
}
