// `tsnb build-site` as a pipeline of named stages, read top to bottom (after Observable
// Framework's build): discover → parse → execute (cached) → render → write. Each stage is
// its own module; this file only sequences them and counts what happened.
import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { readNotebook } from "../notebook/read.ts";
import { TsnbError } from "../notebook/errors.ts";
import {
  executeCached,
  buildExitCode,
  type ExecutedNotebook,
  type Executor,
  type SourceNotebook,
} from "./execute.ts";
import { notebookInfo } from "./metadata.ts";
import { renderSite } from "./render.ts";
import { writeSite } from "./write.ts";
import { clientModules, siteAssets, SITE_SOURCE_DIR } from "./assets.ts";
import { silentProgress, type BuildProgress } from "./progress.ts";

export interface BuildOptions {
  notebooksDir: string;
  outDir: string;
  executor: Executor;
  /** Execution cache folder (e.g. `.tsnb-cache/site`); undefined: no cache. */
  cacheDir?: string;
  /** false for `--no-cache`. */
  readCache: boolean;
  /** `--only SLUG`: execute this notebook; the others appear only if cached. */
  only?: string;
  allowErrors: boolean;
  tsnbVersion: string;
  lockfileHash: string;
  nodeVersion: string;
  now: () => Date;
  progress?: BuildProgress;
  /** Folder with templates/ and assets/ (default: the project's site/). */
  siteDir?: string;
}

export interface BuildResult {
  exitCode: number;
  notebooks: ExecutedNotebook[];
  executed: number;
  cached: number;
  pageMs: { slug: string; ms: number }[];
  /** Wall-clock milliseconds per stage. */
  stageMs: { parse: number; execute: number; render: number; write: number };
}

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const progress = options.progress ?? silentProgress;
  const siteDir = options.siteDir ?? SITE_SOURCE_DIR;
  const clock = new StageClock();
  const sources = await parseNotebooks(await discoverNotebooks(options.notebooksDir));
  const parse = clock.lap();
  if (options.only && !sources.some((s) => s.slug === options.only)) {
    throw new TsnbError(
      `--only ${options.only}: no notebook with that slug in ${options.notebooksDir}`,
      {
        file: options.notebooksDir,
        expected: `one of ${sources.map((s) => s.slug).join(", ") || "(no notebooks)"}`,
      },
    );
  }
  const notebooks = await executeAll(sources, options, progress);
  progress.done();
  const execute = clock.lap();
  const template = await readFile(join(siteDir, "templates", "layout.html"), "utf8");
  const context = {
    template,
    tsnbVersion: options.tsnbVersion,
    nodeVersion: options.nodeVersion,
    buildDate: options.now().toISOString(),
  };
  const site = renderSite(notebooks, context, () => performance.now());
  const render = clock.lap();
  await writeSite(options.outDir, [...site.files, ...clientModules()], siteAssets(siteDir));
  const write = clock.lap();
  return {
    stageMs: { parse, execute, render, write },
    exitCode: buildExitCode(notebooks, options.allowErrors),
    notebooks,
    executed: notebooks.filter((n) => !n.cached && !n.stored).length,
    cached: notebooks.filter((n) => n.cached).length,
    pageMs: site.pageMs,
  };
}

/** Stage 1: the `.ipynb` files of the folder, in file-name order (the site's order). */
export async function discoverNotebooks(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new TsnbError(
      `${dir}: cannot list notebooks (${(error as Error).message})`,
      { file: dir, expected: "a folder of .ipynb files" },
      { cause: error },
    );
  }
  return names
    .filter((n) => n.endsWith(".ipynb"))
    .sort()
    .map((n) => join(dir, n));
}

/** Stage 2: read and validate each notebook; slugs must be unique (they are page folders). */
export async function parseNotebooks(files: readonly string[]): Promise<SourceNotebook[]> {
  const sources: SourceNotebook[] = [];
  for (const file of files) {
    const notebook = await readNotebook(file);
    const slug = notebookInfo(notebook, basename(file, ".ipynb")).slug;
    const clash = sources.find((s) => s.slug === slug);
    if (clash)
      throw new TsnbError(`${file}: slug "${slug}" is also used by ${clash.file}`, {
        file,
        field: "metadata.tsnb.slug",
        expected: "a slug unique among the notebooks",
      });
    if (!/^[a-z0-9][a-z0-9-]*$/.test(slug))
      throw new TsnbError(`${file}: slug "${slug}" is not usable as a folder name`, {
        file,
        field: "metadata.tsnb.slug",
        expected: "lowercase letters, digits and dashes",
      });
    sources.push({ file, slug, notebook });
  }
  return sources;
}

/** Stage 3: execute each notebook unless cached; one at a time (the machine's cores go to the notebook). */
async function executeAll(
  sources: readonly SourceNotebook[],
  options: BuildOptions,
  progress: BuildProgress,
): Promise<ExecutedNotebook[]> {
  const results: ExecutedNotebook[] = [];
  const verb = options.executor.keepsOutputs ? "reading stored outputs" : "executing";
  for (const [i, source] of sources.entries()) {
    const position = i + 1;
    const cacheOnly = options.only !== undefined && source.slug !== options.only;
    const stage = {
      executor: Object.assign(
        async (...args: Parameters<Executor>) => {
          progress.notebookStart(position, sources.length, source.slug, verb);
          return options.executor(...args);
        },
        { keepsOutputs: options.executor.keepsOutputs },
      ),
      cacheDir: options.cacheDir,
      readCache: options.readCache,
      cacheOnly,
      allowErrors: options.allowErrors,
      tsnbVersion: options.tsnbVersion,
      lockfileHash: options.lockfileHash,
      nodeVersion: options.nodeVersion,
      now: options.now,
      onCell: (index: number, total: number) => progress.cell(index, total),
    };
    const result = await executeCached(source, stage);
    progress.notebookEnd(position, sources.length, source.slug, result);
    if (result) results.push(result);
  }
  return results;
}

class StageClock {
  private last = performance.now();
  lap(): number {
    const now = performance.now();
    const ms = now - this.last;
    this.last = now;
    return Math.round(ms);
  }
}
