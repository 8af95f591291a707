// `tsnb sweep status DIR`: what a sweep has done so far — counts by status, the Slurm job's
// tasks still queued, who holds the lock, and each failed point with its log.
import { join } from "node:path";
import { readLock, describeHolder, holderAlive } from "./lock.ts";
import { countStatuses, readManifest, refreshPoints, type SweepManifest } from "./manifest.ts";
import { logPath } from "./point-result.ts";
import { queuedTasks } from "./slurm.ts";

export const describeParameters = (parameters: Record<string, string>): string =>
  Object.entries(parameters)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");

export async function sweepStatus(dir: string): Promise<{ text: string; manifest: SweepManifest }> {
  const manifest = refreshPoints(dir, readManifest(dir));
  const states = manifest.slurm ? await queuedTasks(manifest.slurm.job_id) : [];
  // A task that left the queue without writing its result was killed (time limit, scancel, node).
  if (manifest.slurm && states.length === 0)
    for (const point of manifest.points) if (point.status === "running") point.status = "failed";
  const counts = countStatuses(manifest.points);
  const lines = [
    `${dir}: ${manifest.points.length} points of ${manifest.notebook} — ` +
      `${counts.done} done, ${counts.failed} failed, ${counts.running} running, ${counts.pending} pending`,
  ];
  if (manifest.slurm) {
    const byState = new Map<string, number>();
    for (const state of states) byState.set(state, (byState.get(state) ?? 0) + 1);
    lines.push(
      `Slurm job ${manifest.slurm.job_id}: ` +
        (states.length === 0
          ? "no task queued"
          : [...byState].map(([state, n]) => `${n} ${state.toLowerCase()}`).join(", ")),
    );
  }
  const holder = readLock(dir);
  if (holder && holderAlive(holder)) lines.push(`in use by ${describeHolder(holder)}`);
  for (const point of manifest.points.filter((p) => p.status === "failed"))
    lines.push(
      `failed: ${point.id} (${describeParameters(point.parameters)}) exit ${point.exit_code ?? "none"} — log ${logPath(dir, point.id)}` +
        (manifest.slurm
          ? `, ${join(dir, "logs", `slurm-${manifest.slurm.job_id}_${point.index}.log`)}`
          : ""),
    );
  return { text: lines.join("\n") + "\n", manifest };
}
