// The execution cache (`.tsnb-cache/site/`): an executed notebook is stored under a key
// hashed from what determines its outputs — the code cells' sources and tags, the seed,
// the parameters, the tsnb version, the lockfile hash and the local files the code names — and nothing it produced
// (outputs, execution counts). As in jupyter-cache (Jupyter Book), markdown and metadata
// edits do not re-execute: the page merges cached outputs into the current notebook.
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type { INotebookContent } from "@jupyterlab/nbformat";
import { writeFileAtomic } from "../notebook/write.ts";
import type { RunSummaryLike } from "./execute.ts";

export interface CacheKeyInput {
  notebook: INotebookContent;
  parameters?: Record<string, string>;
  tsnbVersion: string;
  lockfileHash: string;
  /** Local files the code reads (`fileDependencies`): path → sha256. */
  files?: Record<string, string>;
}

/** The content key: a SHA-256 hex digest. */
export function cacheKey({
  notebook,
  parameters = {},
  tsnbVersion,
  lockfileHash,
  files = {},
}: CacheKeyInput): string {
  const cells = notebook.cells
    .filter((cell) => cell.cell_type === "code")
    .map((cell) => ({
      source: Array.isArray(cell.source) ? cell.source.join("") : cell.source,
      tags: (cell.metadata?.tags as unknown) ?? [],
    }));
  const tsnb = (notebook.metadata?.tsnb ?? {}) as { seed?: unknown };
  const material = {
    v: 1,
    cells,
    seed: tsnb.seed ?? null,
    parameters: Object.fromEntries(
      Object.entries(parameters).sort(([a], [b]) => a.localeCompare(b)),
    ),
    tsnbVersion,
    lockfileHash,
    // only when there are some, so keys of notebooks without local files stay as they were
    ...(Object.keys(files).length > 0 ? { files } : {}),
  };
  return sha256(JSON.stringify(material));
}

export function sha256(text: string | Buffer): string {
  return createHash("sha256").update(text).digest("hex");
}

/** What the cache holds for one executed notebook. */
export interface CacheEntry {
  key: string;
  slug: string;
  executedAt: string;
  nodeVersion: string;
  notebook: INotebookContent;
  summary: RunSummaryLike;
}

/**
 * The current notebook with the outputs of `executed` (same code cells, by the key): its
 * markdown, metadata and cell ids are today's, its outputs the cached run's.
 */
export function mergeOutputs(
  current: INotebookContent,
  executed: INotebookContent,
): INotebookContent {
  const runs = executed.cells.filter((cell) => cell.cell_type === "code");
  let next = 0;
  const cells = current.cells.map((cell) => {
    if (cell.cell_type !== "code") return cell;
    const run = runs[next++];
    return run ? { ...cell, outputs: run.outputs, execution_count: run.execution_count } : cell;
  });
  const language_info = executed.metadata?.language_info;
  return {
    ...current,
    metadata: { ...current.metadata, ...(language_info ? { language_info } : {}) },
    cells,
  };
}

const entryFile = (dir: string, slug: string, key: string) =>
  join(dir, `${slug}-${key.slice(0, 24)}.json`);

export async function readCacheEntry(
  dir: string,
  slug: string,
  key: string,
): Promise<CacheEntry | undefined> {
  let text: string;
  try {
    text = await readFile(entryFile(dir, slug, key), "utf8");
  } catch {
    return undefined; // a miss: nothing cached for this key
  }
  try {
    const entry = JSON.parse(text) as CacheEntry;
    return entry.key === key ? entry : undefined;
  } catch {
    return undefined; // a torn or foreign file is a miss; the next write replaces it
  }
}

/** Stores `entry` atomically and removes this slug's entries for other keys. */
export async function writeCacheEntry(dir: string, entry: CacheEntry): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = entryFile(dir, entry.slug, entry.key);
  await writeFileAtomic(file, JSON.stringify(entry));
  for (const name of await readdir(dir)) {
    if (
      name.startsWith(`${entry.slug}-`) &&
      name.endsWith(".json") &&
      join(dir, name) !== file &&
      /^[0-9a-f]{24}\.json$/.test(name.slice(entry.slug.length + 1))
    ) {
      await rm(join(dir, name), { force: true });
    }
  }
}
