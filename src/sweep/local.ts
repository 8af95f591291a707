// The local executor: a pool of N point processes on this machine (default: one per core).
// The manifest is rewritten after every finished point, so stopping at any moment (Ctrl-C
// aborts the signal) leaves it consistent: finished points kept, interrupted ones pending.
import { availableParallelism } from "node:os";
import { writeManifest, type SweepManifest, type SweepPoint } from "./manifest.ts";
import { runPoint } from "./point.ts";
import type { PointResult } from "./point-result.ts";

export interface LocalOptions {
  jobs?: number;
  signal?: AbortSignal;
  onStart?: (point: SweepPoint) => void;
  onFinish?: (point: SweepPoint, result: PointResult) => void;
}

export const defaultJobs = (): number => availableParallelism();

/** Runs `todo` (points of `manifest`) `jobs` at a time; resolves when all ran or the signal aborted. */
export async function runLocal(
  dir: string,
  manifest: SweepManifest,
  todo: SweepPoint[],
  options: LocalOptions = {},
): Promise<void> {
  const queue = [...todo];
  let writes = Promise.resolve();
  const save = () => (writes = writes.then(() => writeManifest(dir, manifest)));
  const worker = async () => {
    for (let point = queue.shift(); point; point = queue.shift()) {
      if (options.signal?.aborted) return;
      point.status = "running";
      options.onStart?.(point);
      const result = await runPoint(dir, manifest, point, { signal: options.signal });
      if (!result) {
        point.status = "pending";
        return;
      }
      point.status = result.status;
      point.exit_code = result.exit_code;
      point.seconds = result.seconds;
      point.host = result.host;
      options.onFinish?.(point, result);
      await save();
    }
  };
  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(), todo.length));
  await Promise.all(Array.from({ length: jobs }, worker));
  await save();
}
