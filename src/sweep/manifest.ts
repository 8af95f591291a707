// DIR/sweep.json, a sweep's manifest: the notebook and its content hash, tsnb's version, and
// every point with its parameters and outcome. Only the process holding the sweep's lock
// writes it; each point's outcome lives in its own atomically written DIR/points/<id>.json
// (a Slurm task or a pool worker writes only that), and the manifest is refreshed from them.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../notebook/write.ts";
import { SweepError } from "./errors.ts";
import type { PointParameters } from "./grid.ts";
import { readPointResult, type PointResult } from "./point-result.ts";

export type PointStatus = "pending" | "running" | "done" | "failed";

export interface SweepPoint {
  index: number;
  id: string;
  parameters: PointParameters;
  status: PointStatus;
  exit_code: number | null;
  seconds: number | null;
  host: string | null;
}

export interface SlurmRecord {
  job_id: string;
  script: string;
  options: string[];
}

export interface SweepManifest {
  notebook: string;
  notebook_hash: string;
  tsnb_version: string;
  executor: "local" | "slurm" | "k8s";
  timeout?: number;
  max_memory?: number;
  created: string;
  updated: string;
  slurm?: SlurmRecord;
  points: SweepPoint[];
}

export const MANIFEST = "sweep.json";

export const sha256 = (text: string | Buffer): string =>
  createHash("sha256").update(text).digest("hex");

/** A point's id: the hash of its parameters, so the same point keeps its files across re-runs. */
export function pointId(parameters: PointParameters): string {
  const sorted = Object.keys(parameters)
    .sort()
    .map((name) => [name, parameters[name]]);
  return sha256(JSON.stringify(sorted)).slice(0, 12);
}

export function readManifest(dir: string): SweepManifest {
  const file = join(dir, MANIFEST);
  if (!existsSync(file))
    throw new SweepError("not-a-sweep", `${dir} has no ${MANIFEST} (not a sweep directory)`, file);
  return JSON.parse(readFileSync(file, "utf8")) as SweepManifest;
}

export async function writeManifest(dir: string, manifest: SweepManifest): Promise<void> {
  manifest.updated = new Date().toISOString();
  await writeFileAtomic(join(dir, MANIFEST), JSON.stringify(manifest, null, 1) + "\n");
}

/** The finished result of `point` for this notebook, if one is on disk. */
export function currentResult(
  dir: string,
  manifest: Pick<SweepManifest, "notebook_hash">,
  point: Pick<SweepPoint, "id" | "parameters">,
): PointResult | undefined {
  const result = readPointResult(dir, point.id);
  if (!result || result.notebook_hash !== manifest.notebook_hash) return undefined;
  return JSON.stringify(result.parameters) === JSON.stringify(point.parameters)
    ? result
    : undefined;
}

/** Brings each point's status up to date from its result file (a point not yet run keeps its status). */
export function refreshPoints(dir: string, manifest: SweepManifest): SweepManifest {
  for (const point of manifest.points) {
    const result = currentResult(dir, manifest, point);
    if (!result) continue;
    point.status = result.status;
    point.exit_code = result.exit_code;
    point.seconds = result.seconds;
    point.host = result.host;
  }
  return manifest;
}

export function countStatuses(points: SweepPoint[]): Record<PointStatus, number> {
  const counts = { pending: 0, running: 0, done: 0, failed: 0 };
  for (const point of points) counts[point.status]++;
  return counts;
}
