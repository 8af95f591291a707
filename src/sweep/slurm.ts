// The Slurm executor: one job array whose task i runs point i of the manifest
// (`tsnb sweep point DIR`, the index from SLURM_ARRAY_TASK_ID), submitted with
// `sbatch --parsable --array=…%LIMIT`; then squeue is polled until the array has left the
// queue. DIR must be on a filesystem the compute nodes share: points and logs land there.
import { execFile } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { SweepError } from "./errors.ts";
import type { SweepPoint } from "./manifest.ts";
import { TSNB_BIN } from "./point.ts";

const exec = promisify(execFile);

export const SBATCH_SCRIPT = "sweep.sbatch";

/** `0-3,7,9-10`: the array indices of `points`, as sbatch's --array takes them. */
export function arraySpec(points: Pick<SweepPoint, "index">[]): string {
  const indices = [...new Set(points.map((p) => p.index))].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < indices.length;) {
    let j = i;
    while (j + 1 < indices.length && indices[j + 1] === indices[j]! + 1) j++;
    ranges.push(i === j ? `${indices[i]}` : `${indices[i]}-${indices[j]}`);
    i = j + 1;
  }
  return ranges.join(",");
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** The batch script every array task runs; the same node and checkout as this command. */
export function sbatchScript(dir: string): string {
  const abs = resolve(dir);
  return [
    "#!/bin/bash",
    "# tsnb sweep: one Slurm array task runs one point of sweep.json (its index is the task id).",
    "#SBATCH --job-name=tsnb-sweep",
    `#SBATCH --output=${join(abs, "logs", "slurm-%A_%a.log")}`,
    "#SBATCH --ntasks=1",
    "#SBATCH --cpus-per-task=1",
    `exec ${quote(process.execPath)} ${quote(TSNB_BIN)} sweep point ${quote(abs)} --index "$SLURM_ARRAY_TASK_ID"`,
    "",
  ].join("\n");
}

/** Splits `--slurm-opt "--partition=x --time=10"` into sbatch arguments (quotes group words). */
export function slurmOptions(text: string | undefined): string[] {
  if (!text) return [];
  return [...text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

export interface Submission {
  jobId: string;
  script: string;
  options: string[];
}

/** Writes the script and submits the array; a missing sbatch or a refusal is a SweepError. */
export async function submitArray(
  dir: string,
  points: SweepPoint[],
  options: { limit?: number; slurmOptions?: string[] } = {},
): Promise<Submission> {
  mkdirSync(join(dir, "logs"), { recursive: true });
  const script = join(resolve(dir), SBATCH_SCRIPT);
  writeFileSync(script, sbatchScript(dir));
  chmodSync(script, 0o755);
  const limit = options.limit ? `%${options.limit}` : "";
  const args = [
    "--parsable",
    `--array=${arraySpec(points)}${limit}`,
    ...(options.slurmOptions ?? []),
    script,
  ];
  try {
    const { stdout } = await exec("sbatch", args, { cwd: resolve(dir) });
    const jobId = stdout.trim().split(";")[0]!;
    if (!/^\d+$/.test(jobId))
      throw new SweepError(
        "submission-rejected",
        `sbatch printed no job id: ${stdout.trim()}`,
        script,
      );
    return { jobId, script, options: args.slice(0, -1) };
  } catch (error) {
    if (error instanceof SweepError) throw error;
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === "ENOENT")
      throw new SweepError(
        "no-sbatch",
        "sbatch is not on PATH: --executor slurm needs Slurm's client commands (run on a login node, or use --executor local)",
        script,
      );
    throw new SweepError(
      "submission-rejected",
      `sbatch ${args.join(" ")} refused the job array: ${(e.stderr ?? e.message).trim()}`,
      script,
    );
  }
}

/** True when sbatch can be run at all: checked before anything is written. */
export async function hasSbatch(): Promise<boolean> {
  try {
    await exec("sbatch", ["--version"]);
    return true;
  } catch {
    return false;
  }
}

/** The states of the array's tasks still in the queue (`squeue -j`); empty once it has left. */
export async function queuedTasks(jobId: string): Promise<string[]> {
  try {
    const { stdout } = await exec("squeue", ["-h", "-r", "-j", jobId, "-o", "%T"]);
    return stdout.split("\n").filter(Boolean);
  } catch {
    return []; // "Invalid job id specified": the job has left the queue
  }
}

/** Polls squeue until the job has left the queue (or the signal aborts); calls `onPoll` each round. */
export async function waitForJob(
  jobId: string,
  options: { intervalMs?: number; signal?: AbortSignal; onPoll?: (states: string[]) => void } = {},
): Promise<void> {
  for (;;) {
    if (options.signal?.aborted) return;
    const states = await queuedTasks(jobId);
    options.onPoll?.(states);
    if (states.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 1000));
  }
}

export async function cancelJob(jobId: string): Promise<void> {
  await exec("scancel", [jobId]).catch(() => undefined);
}
