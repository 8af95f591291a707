// runSweep({notebook, parameters, out}): a sweep on this machine's cores from code — a cell, a
// script — with the same planning, lock, resumption and files as `tsnb sweep`, whose executors
// all start with `openSweep`. Resolves once every point ran; `readSweep(out)` gives the rows.
import { mkdirSync } from "node:fs";
import { version } from "../cli/main.ts";
import type { PointParameters } from "./grid.ts";
import { runLocal, type LocalOptions } from "./local.ts";
import { SweepLock } from "./lock.ts";
import { countStatuses, writeManifest, type SweepManifest, type SweepPoint } from "./manifest.ts";
import { gridOf, planSweep } from "./plan.ts";

export interface SweepOptions extends Omit<LocalOptions, "jobs"> {
  notebook: string;
  /** Values per parameter; the grid is their product (`{P: [4, 8], seed: [1]}`). */
  parameters?: Record<string, readonly unknown[]>;
  /** Or the points themselves, in `-p` text form. */
  grid?: PointParameters[];
  out: string;
  /** Points run at once (default: the number of cores). */
  jobs?: number;
  /** Per-cell timeout passed to each point's `tsnb run --timeout`. */
  timeout?: number;
  /** Heap limit in MiB passed to each point's `tsnb run --max-memory`. */
  maxMemory?: number;
  /** What the lock names as its holder. */
  command?: string;
}

export interface OpenSweep {
  manifest: SweepManifest;
  /** The points still to run (not done with this notebook and these parameters). */
  todo: SweepPoint[];
  lock: SweepLock;
}

/** Plans the sweep (checking the grid), takes DIR's lock and writes the manifest. */
export async function openSweep(
  options: SweepOptions,
  executor: SweepManifest["executor"] = "local",
  check?: () => Promise<void>,
): Promise<OpenSweep> {
  const manifest = planSweep({
    notebook: options.notebook,
    grid: options.grid ?? gridOf(options.parameters ?? {}),
    dir: options.out,
    executor,
    timeout: options.timeout,
    maxMemory: options.maxMemory,
    version: version(),
  });
  await check?.();
  mkdirSync(options.out, { recursive: true });
  const lock = SweepLock.acquire(options.out, options.command ?? `runSweep(${options.notebook})`);
  try {
    await writeManifest(options.out, manifest);
  } catch (error) {
    lock.release();
    throw error;
  }
  return { manifest, todo: manifest.points.filter((p) => p.status !== "done"), lock };
}

export interface SweepOutcome {
  manifest: SweepManifest;
  /** Points already done before this call (skipped). */
  skipped: number;
  done: number;
  failed: number;
  /** Points left pending (the signal aborted). */
  pending: number;
}

/**
 * Runs `notebook` at every point of a grid (the product of `parameters`, or `grid`) on this
 * machine, `jobs` at a time (default: the number of cores), writing each point's notebook and
 * the manifest under `out` — as `tsnb sweep` does. Points already done with the same notebook
 * are skipped, so a rerun resumes. Resolves with the counts once every point ran; throws
 * SweepError for a bad grid or when another sweep holds `out`'s lock. Read results with `readSweep(out)`.
 * @example
 * const outcome = await runSweep({ notebook: "notebooks/grokking.ipynb", parameters: { seed: [1, 2, 3] }, out: "sweeps/grok" });
 * const rows = readSweep("sweeps/grok"); // one row per point, with its glue(...) values
 */
export async function runSweep(options: SweepOptions): Promise<SweepOutcome> {
  const { manifest, todo, lock } = await openSweep(options);
  try {
    await runLocal(options.out, manifest, todo, options);
    const counts = countStatuses(manifest.points);
    return {
      manifest,
      skipped: manifest.points.length - todo.length,
      done: counts.done,
      failed: counts.failed,
      pending: counts.pending,
    };
  } finally {
    lock.release();
  }
}
