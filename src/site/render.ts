// The build's render stage, pure: executed notebooks in, the site's files out (pages,
// thumbnails, downloads, claims.json, the search index). No I/O and no clock: the build
// date and versions come in as values, so a render is reproducible and cheap to benchmark.
import { serializeNotebook } from "../notebook/write.ts";
import { stripOutputs } from "../notebook/cells.ts";
import { escapeHtml } from "./html.ts";
import type { ExecutedNotebook } from "./execute.ts";
import { notebookInfo, type NotebookInfo } from "./metadata.ts";
import { renderNotebookPage, type SearchDoc } from "./page.ts";
import { renderIndexPage, type IndexEntry } from "./index-page.ts";
import { firstChartSvg } from "./thumbnail.ts";
import { buildSearchIndex, searchIndexScript } from "./search.ts";
import type { SiteFile } from "./write.ts";
import type { SiteClaim } from "./claims.ts";

export interface RenderContext {
  template: string;
  tsnbVersion: string;
  nodeVersion: string;
  buildDate: string;
}

export interface RenderedSite {
  files: SiteFile[];
  /** Milliseconds spent rendering each page (benchmarks report these). */
  pageMs: { slug: string; ms: number }[];
}

export function renderSite(
  notebooks: readonly ExecutedNotebook[],
  ctx: RenderContext,
  clock: () => number = () => 0,
): RenderedSite {
  const infos = notebooks.map((nb) => notebookInfo(nb.executed, nb.slug));
  const files: SiteFile[] = [];
  const entries: IndexEntry[] = [];
  const docs: SearchDoc[] = [];
  const claimsJson: unknown[] = [];
  const pageMs: RenderedSite["pageMs"] = [];
  notebooks.forEach((nb, i) => {
    const started = clock();
    const info = infos[i]!;
    const link = (other?: NotebookInfo) =>
      other ? { slug: other.slug, title: other.title } : undefined;
    const page = renderNotebookPage({
      info,
      notebook: nb.executed,
      prev: link(infos[i - 1]),
      next: link(infos[i + 1]),
      template: ctx.template,
      provenance: {
        tsnbVersion: ctx.tsnbVersion,
        nodeVersion: ctx.nodeVersion,
        buildDate: ctx.buildDate,
        executedAt: nb.stored ? "outputs stored in the notebook" : nb.executedAt,
        seconds: nb.cached || nb.stored ? undefined : nb.summary.seconds,
        cached: nb.cached,
        cacheKey: nb.key,
      },
      ...(nb.failure ? { failure: nb.failure } : {}),
    });
    files.push({ path: `${info.slug}/index.html`, content: page.html });
    files.push({
      path: `${info.slug}/${info.slug}.ipynb`,
      content: serializeNotebook(stripOutputs(nb.notebook)),
    });
    const thumb = firstChartSvg(nb.executed);
    if (thumb) files.push({ path: `${info.slug}/thumb.svg`, content: thumb });
    entries.push({
      info,
      claims: page.claims,
      hasThumbnail: thumb !== undefined,
      errors: nb.summary.errors,
    });
    docs.push(...page.searchDocs);
    claimsJson.push(claimsRecord(info, nb, page.claims));
    pageMs.push({ slug: info.slug, ms: clock() - started });
  });
  const footer = `<p>Built with tsnb ${escapeHtml(ctx.tsnbVersion)} on Node ${escapeHtml(ctx.nodeVersion)}, ${escapeHtml(ctx.buildDate)}. <a href="claims.json">claims.json</a></p>`;
  files.push({ path: "index.html", content: renderIndexPage(entries, ctx.template, footer) });
  files.push({
    path: "claims.json",
    content:
      JSON.stringify(
        { tsnb: ctx.tsnbVersion, built: ctx.buildDate, notebooks: claimsJson },
        null,
        2,
      ) + "\n",
  });
  files.push({
    path: "assets/search-index.js",
    content: searchIndexScript(buildSearchIndex(docs)),
  });
  return { files, pageMs };
}

function claimsRecord(info: NotebookInfo, nb: ExecutedNotebook, claims: readonly SiteClaim[]) {
  return {
    slug: info.slug,
    title: info.title,
    url: `${info.slug}/index.html`,
    executed_at: nb.executedAt,
    cached: nb.cached,
    errors: nb.summary.errors,
    claims: claims.map((c) => ({
      id: c.id,
      text: c.text,
      source: c.source,
      paper: c.paper ?? null,
      measured: c.measured,
      expected: c.expected ?? null,
      unit: c.unit ?? null,
      status: c.status,
      ...(c.reason ? { reason: c.reason } : {}),
      ...(c.missSection ? { miss_url: `${info.slug}/index.html#${c.missSection}` } : {}),
      url: `${info.slug}/index.html#${c.cellId}`,
    })),
  };
}
