// The build's execution stage: run a notebook through the injected executor (the runner's
// `executeNotebook`, wired by src/cli/build-site.ts) unless the cache holds a run for the
// same content key. The executor is a parameter so the site renders already-executed
// notebooks (tests, fixtures) without a runtime, and so this layer never imports src/cli.
import type { INotebookContent } from "@jupyterlab/nbformat";
import { cacheKey, mergeOutputs, readCacheEntry, writeCacheEntry } from "./cache.ts";
import { collectClaims } from "./claims.ts";
import { fileDependencies } from "./dependencies.ts";
import { notebookInfo } from "./metadata.ts";
import { raisedUnexpectedly } from "./cells.ts";

/** The runner's summary (DESIGN.md `tsnb run --json`), as far as the site reads it. */
export interface RunSummaryLike {
  notebook: string;
  cells: number;
  errors: number;
  claims: { id: string; status: "pass" | "fail"; known_failure?: boolean }[];
  seconds: number;
}

export interface Executor {
  (
    notebook: INotebookContent,
    options: {
      file: string;
      allowErrors?: boolean;
      onCell?: (index: number, total: number) => void;
    },
  ): Promise<{ notebook: INotebookContent; summary: RunSummaryLike }>;
  /** True when the executor keeps the outputs the notebook has (nothing runs). */
  readonly keepsOutputs?: boolean;
}

export interface SourceNotebook {
  file: string;
  slug: string;
  notebook: INotebookContent;
}

export interface ExecutedNotebook extends SourceNotebook {
  /** The notebook with outputs (fresh, or cached outputs merged into today's cells). */
  executed: INotebookContent;
  summary: RunSummaryLike;
  cached: boolean;
  /** The outputs were the notebook's own (an executor that keeps outputs), not a run of ours. */
  stored?: boolean;
  executedAt: string;
  key: string;
  /** The executor threw: the page shows this instead of outputs. */
  failure?: string;
}

export interface ExecuteStageOptions {
  executor: Executor;
  /** Cache folder; undefined disables caching entirely. */
  cacheDir?: string;
  /** false for `--no-cache`: execute even on a hit (and refresh the entry). */
  readCache: boolean;
  /** Only use the cache (`--only` for the other notebooks): undefined on a miss. */
  cacheOnly?: boolean;
  allowErrors: boolean;
  tsnbVersion: string;
  lockfileHash: string;
  nodeVersion: string;
  now: () => Date;
  onCell?: (index: number, total: number) => void;
}

export async function executeCached(
  source: SourceNotebook,
  options: ExecuteStageOptions,
): Promise<ExecutedNotebook | undefined> {
  const key = cacheKey({
    notebook: source.notebook,
    tsnbVersion: options.tsnbVersion,
    lockfileHash: options.lockfileHash,
    files: await fileDependencies(source.notebook, source.file),
  });
  if (options.cacheDir && (options.readCache || options.cacheOnly)) {
    const hit = await readCacheEntry(options.cacheDir, source.slug, key);
    if (hit) {
      const executed = mergeOutputs(source.notebook, hit.notebook);
      return {
        ...source,
        executed,
        summary: summarize(executed, source.file, hit.summary),
        cached: true,
        executedAt: hit.executedAt,
        key,
      };
    }
  }
  if (options.cacheOnly) return undefined;
  const executedAt = options.now().toISOString();
  try {
    const run = await options.executor(source.notebook, {
      file: source.file,
      allowErrors: options.allowErrors,
      onCell: options.onCell,
    });
    if (options.cacheDir) {
      // a run whose cell raised is cached too: with nothing changed nothing re-executes
      // (issue 8); an executor crash (below) is not, and `--no-cache` retries either way
      await writeCacheEntry(options.cacheDir, {
        key,
        slug: source.slug,
        executedAt,
        nodeVersion: options.nodeVersion,
        notebook: run.notebook,
        summary: run.summary,
      });
    }
    return {
      ...source,
      executed: run.notebook,
      summary: run.summary,
      cached: false,
      ...(options.executor.keepsOutputs ? { stored: true } : {}),
      executedAt,
      key,
    };
  } catch (error) {
    const failure = error instanceof Error ? error.message : String(error);
    const summary: RunSummaryLike = {
      notebook: source.file,
      cells: 0,
      errors: 1,
      claims: [],
      seconds: 0,
    };
    return {
      ...source,
      executed: source.notebook,
      summary,
      cached: false,
      executedAt,
      key,
      failure,
    };
  }
}

/** Claim statuses recomputed from today's known_failures (they may change without re-running). */
function summarize(
  notebook: INotebookContent,
  file: string,
  cached: RunSummaryLike,
): RunSummaryLike {
  return { ...cached, notebook: file, claims: summaryClaims(notebook) };
}

function summaryClaims(notebook: INotebookContent): RunSummaryLike["claims"] {
  const known = notebookInfo(notebook, "").known_failures;
  return collectClaims(notebook.cells, known).map((c) => ({
    id: c.id,
    status: c.pass ? "pass" : "fail",
    ...(c.status === "not-reproduced" ? { known_failure: true } : {}),
  }));
}

/**
 * An executor that keeps the outputs a notebook already has: for notebooks executed
 * elsewhere (Jupyter, `tsnb run --inplace`) and for the site's own tests.
 */
export const storedOutputs: Executor = Object.assign(
  async (notebook: INotebookContent, { file }: { file: string }) => {
    const errors = notebook.cells.filter(raisedUnexpectedly).length;
    const cells = notebook.cells.filter((cell) => cell.cell_type === "code").length;
    return {
      notebook,
      summary: { notebook: file, cells, errors, claims: summaryClaims(notebook), seconds: 0 },
    };
  },
  { keepsOutputs: true },
);

/** Build exit code, as `tsnb run`'s: 1 a cell raised (or execution failed), 3 a claim failed, else 0. */
export function buildExitCode(results: readonly ExecutedNotebook[], allowErrors: boolean): number {
  if (allowErrors) return 0;
  if (results.some((r) => r.summary.errors > 0 || r.failure !== undefined)) return 1;
  if (results.some((r) => r.summary.claims.some((c) => c.status === "fail" && !c.known_failure)))
    return 3;
  return 0;
}
