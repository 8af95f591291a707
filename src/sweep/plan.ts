// Planning a sweep before anything runs: the notebook read and hashed, the grid built and
// checked against its parameters, and the manifest's points — each already done (same
// notebook hash, same parameters, a result on disk) kept, every other one pending.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { declaredParameters } from "../notebook/parameters.ts";
import { parseNotebook } from "../notebook/read.ts";
import { NotebookError } from "../notebook/errors.ts";
import { SweepError } from "./errors.ts";
import { checkGrid, gridProduct, parseAxis, readGridFile, type PointParameters } from "./grid.ts";
import { currentResult, pointId, sha256, type SweepManifest } from "./manifest.ts";

export interface SweepPlanInput {
  notebook: string;
  grid: PointParameters[];
  dir: string;
  executor: SweepManifest["executor"];
  timeout?: number;
  maxMemory?: number;
  version: string;
}

/** A grid given as values per parameter (the library's form): their product, values as -p text. */
export function gridOf(values: Record<string, readonly unknown[]>): PointParameters[] {
  return gridProduct(
    Object.entries(values).map(([name, list]) => [
      name,
      list.map((v) => (typeof v === "string" ? v : JSON.stringify(v))),
    ]),
  );
}

/** The grid: the rows of the grid file (if any) crossed with the product of the -p axes. */
export function buildGrid(axes: string[], gridFile?: string): PointParameters[] {
  const product = gridProduct(axes.map(parseAxis));
  if (gridFile === undefined) return product;
  const rows = readGridFile(gridFile);
  return product.length === 0
    ? rows
    : rows.flatMap((row) => product.map((point) => ({ ...row, ...point })));
}

export function planSweep(input: SweepPlanInput): SweepManifest {
  let bytes: Buffer;
  try {
    bytes = readFileSync(input.notebook);
  } catch (error) {
    throw NotebookError.at(
      {
        file: input.notebook,
        expected: "a readable .ipynb file",
        problem: (error as Error).message,
      },
      error,
    );
  }
  const nb = parseNotebook(bytes.toString("utf8"), input.notebook);
  const grid = input.grid;
  checkGrid(grid, declaredParameters(nb), input.notebook);
  const now = new Date().toISOString();
  const manifest: SweepManifest = {
    notebook: resolve(input.notebook),
    notebook_hash: sha256(bytes),
    tsnb_version: input.version,
    executor: input.executor,
    ...(input.timeout === undefined ? {} : { timeout: input.timeout }),
    ...(input.maxMemory === undefined ? {} : { max_memory: input.maxMemory }),
    created: now,
    updated: now,
    points: [],
  };
  const seen = new Map<string, number>();
  grid.forEach((parameters, index) => {
    const id = pointId(parameters);
    if (seen.has(id))
      throw new SweepError(
        "bad-grid",
        `points ${seen.get(id)} and ${index} have the same parameters (${JSON.stringify(parameters)})`,
        input.notebook,
      );
    seen.set(id, index);
    const point = { index, id, parameters };
    const done = currentResult(input.dir, manifest, point);
    manifest.points.push(
      done?.status === "done"
        ? {
            ...point,
            status: "done",
            exit_code: done.exit_code,
            seconds: done.seconds,
            host: done.host,
          }
        : { ...point, status: "pending", exit_code: null, seconds: null, host: null },
    );
  });
  return manifest;
}
