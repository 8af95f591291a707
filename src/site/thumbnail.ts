// The index card's thumbnail: the notebook's first chart (a Plot or any SVG output), saved
// as `<slug>/thumb.svg` and shown with `<img>`, so the index page stays light and static.
import type { INotebookContent, IOutput } from "@jupyterlab/nbformat";
import { joinSource } from "./html.ts";

export function firstChartSvg(notebook: INotebookContent): string | undefined {
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "code") continue;
    for (const output of (cell.outputs as IOutput[] | undefined) ?? []) {
      if (output.output_type !== "display_data" && output.output_type !== "execute_result")
        continue;
      const svg = (output.data as Record<string, unknown>)["image/svg+xml"];
      if (typeof svg === "string" || Array.isArray(svg))
        return standaloneSvg(joinSource(svg as string | string[]));
    }
  }
  return undefined;
}

/**
 * An SVG output made valid as a file: the chart's `<svg>` element only (a Plot figure with a
 * legend wraps swatch SVGs and the chart in a `<figure>`: the longest `<svg>` is the chart),
 * with the SVG namespace declared.
 */
export function standaloneSvg(markup: string): string {
  const body = largestSvgElement(markup) ?? markup;
  const withNs = /<svg\b[^>]*\bxmlns=/.test(body)
    ? body
    : body.replace(/<svg\b/, '<svg xmlns="http://www.w3.org/2000/svg"');
  return `<?xml version="1.0" encoding="utf-8"?>\n${withNs}`;
}

/** The longest balanced `<svg …>…</svg>` in `markup` (nested SVGs stay inside their parent). */
function largestSvgElement(markup: string): string | undefined {
  const tag = /<svg\b|<\/svg>/g;
  let depth = 0;
  let start = 0;
  let best: string | undefined;
  for (let match = tag.exec(markup); match; match = tag.exec(markup)) {
    if (match[0] !== "</svg>") {
      if (depth++ === 0) start = match.index;
    } else if (depth > 0 && --depth === 0) {
      const element = markup.slice(start, match.index + 6);
      if (!best || element.length > best.length) best = element;
    }
  }
  return best;
}
