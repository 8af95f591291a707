// Local files a notebook's code reads, found the way Observable Framework finds file
// attachments: statically, from the string literals in its code cells. A literal that names an
// existing file relative to the notebook's folder (`"sweep-points/p.ipynb"`, `"data/x.csv"`)
// becomes part of the execution cache key, so editing that file re-executes the notebook.
import { readFile, stat } from "node:fs/promises";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import type { INotebookContent } from "@jupyterlab/nbformat";
import { sha256 } from "./cache.ts";

// "…" or '…' or `…` without interpolation, on one line, that looks like a relative path.
const LITERAL = /(["'`])((?:\.{1,2}\/)?[\w.-]+(?:\/[\w.-]+)*\.[\w]+)\1/g;

/**
 * `{ path relative to the notebook: sha256 of the file }` for every literal naming a file
 * inside the notebook's folder tree (never outside it, never the notebook itself); sorted.
 */
export async function fileDependencies(
  notebook: INotebookContent,
  file: string,
): Promise<Record<string, string>> {
  const dir = dirname(resolve(file));
  const names = new Set<string>();
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "code") continue;
    const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
    for (const match of source.matchAll(LITERAL)) names.add(match[2]!);
  }
  const found: [string, string][] = [];
  for (const name of names) {
    const path = resolve(dir, name);
    const rel = relative(dir, path);
    if (rel === "" || rel.startsWith("..") || isAbsolute(rel) || path === resolve(file)) continue;
    try {
      if (!(await stat(path)).isFile()) continue;
      found.push([rel.split("\\").join("/"), sha256(await readFile(path))]);
    } catch {
      // not a file of ours: a module specifier, a MIME type, an output name …
    }
  }
  return Object.fromEntries(found.sort(([a], [b]) => a.localeCompare(b)));
}
