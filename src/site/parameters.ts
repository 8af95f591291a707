// The "Parameters" box under a page's header: what the notebook's cell tagged `parameters`
// declares (name, default, the comment above it) and the command that re-runs the page with
// other values — the site's answer to "what if I change this?".
import type { INotebookContent } from "@jupyterlab/nbformat";
import { declaredParameters } from "../notebook/parameters.ts";
import type { Notebook } from "../notebook/types.ts";
import { escapeHtml } from "./html.ts";

export function renderParameters(notebook: INotebookContent, slug: string): string {
  const parameters = declaredParameters(notebook as Notebook);
  if (parameters.length === 0) return "";
  const rows = parameters
    .map(
      (p) =>
        `<tr><th scope="row"><code>${escapeHtml(p.name)}</code></th><td><code>${escapeHtml(p.source)}</code></td><td>${escapeHtml(p.help)}</td></tr>`,
    )
    .join("");
  const example = parameters[0]!;
  return (
    `<details class="parameters"><summary>Parameters (${parameters.length}): re-run this page with other values</summary>` +
    `<table><thead><tr><th scope="col">name</th><th scope="col">default</th><th scope="col">what it sets</th></tr></thead><tbody>${rows}</tbody></table>` +
    `<p>Download the notebook and run <code>npx tsnb run ${escapeHtml(slug)}.ipynb -p ${escapeHtml(example.name)}=VALUE -o out.ipynb</code> ` +
    `(one <code>-p</code> per parameter), or edit the cell tagged <code>parameters</code> in JupyterLab or VS Code.</p>` +
    `</details>`
  );
}
