// DIR/points/<id>.json: the outcome of one point — written once, atomically, by whoever ran it
// (a pool worker or a Slurm array task), next to the executed notebook points/<id>.ipynb and
// its log logs/<id>.log. "done" means the notebook ran (its claims may still fail: exit 3).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../notebook/write.ts";
import type { PointParameters } from "./grid.ts";

export interface PointResult {
  id: string;
  index: number;
  parameters: PointParameters;
  notebook_hash: string;
  status: "done" | "failed";
  exit_code: number | null;
  signal: string | null;
  seconds: number;
  host: string;
  finished: string;
  /** `tsnb run --json`'s summary, when it printed one. */
  summary?: unknown;
}

export const pointPath = (dir: string, id: string, ext: "json" | "ipynb") =>
  join(dir, "points", `${id}.${ext}`);
export const logPath = (dir: string, id: string) => join(dir, "logs", `${id}.log`);

/** `tsnb run`'s exit codes: 0 ran and claims passed, 3 ran and a claim failed; all else failed. */
export const statusOfExit = (code: number | null): PointResult["status"] =>
  code === 0 || code === 3 ? "done" : "failed";

export function readPointResult(dir: string, id: string): PointResult | undefined {
  const file = pointPath(dir, id, "json");
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as PointResult;
  } catch {
    return undefined; // never half-written (atomic), so only a hand-edited file lands here
  }
}

export async function writePointResult(dir: string, result: PointResult): Promise<void> {
  await writeFileAtomic(pointPath(dir, result.id, "json"), JSON.stringify(result, null, 1) + "\n");
}
