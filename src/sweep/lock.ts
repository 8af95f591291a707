// DIR/sweep.lock: one sweep at a time writes a directory. Created with O_EXCL and naming its
// holder (pid, host, command, and the Slurm job while one runs); a lock whose holder is gone
// (its pid dead on this host, its Slurm job no longer queued) is stale and taken over.
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { SweepError } from "./errors.ts";

export interface LockHolder {
  pid: number;
  host: string;
  started: string;
  command: string;
  slurm_job?: string;
}

export const LOCK = "sweep.lock";

function readHolder(file: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as LockHolder;
  } catch {
    return undefined;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** True while a Slurm job is queued or running (squeue lists it). */
export function slurmJobQueued(jobId: string): boolean {
  try {
    return (
      execFileSync("squeue", ["-h", "-j", jobId, "-o", "%i"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }).trim() !== ""
    );
  } catch {
    return false; // squeue answers "Invalid job id" once the job has left the queue
  }
}

/** Whether the holder still runs; a holder on another host counts as alive (we cannot tell). */
export function holderAlive(holder: LockHolder): boolean {
  if (holder.slurm_job && slurmJobQueued(holder.slurm_job)) return true;
  if (holder.host !== hostname()) return !holder.slurm_job;
  return holder.pid !== process.pid && pidAlive(holder.pid);
}

export function describeHolder(holder: LockHolder): string {
  const job = holder.slurm_job ? `, Slurm job ${holder.slurm_job}` : "";
  return `pid ${holder.pid} on ${holder.host}${job}, since ${holder.started}: ${holder.command}`;
}

export class SweepLock {
  private constructor(
    readonly file: string,
    private holder: LockHolder,
  ) {}

  /** Takes DIR's lock or throws SweepError("locked") naming the live holder. */
  static acquire(dir: string, command: string): SweepLock {
    const file = join(dir, LOCK);
    const holder: LockHolder = {
      pid: process.pid,
      host: hostname(),
      started: new Date().toISOString(),
      command,
    };
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        writeFileSync(file, JSON.stringify(holder) + "\n", { flag: "wx" });
        return new SweepLock(file, holder);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const current = readHolder(file);
      if (current && holderAlive(current))
        throw new SweepError(
          "locked",
          `${dir} is in use by another sweep (${describeHolder(current)}); wait for it, or remove ${file} if that sweep is gone`,
          file,
        );
      rmSync(file, { force: true }); // stale: its holder is gone
    }
    throw new SweepError("locked", `${dir}: could not take ${file}`, file);
  }

  /** Hands the lock to a Slurm job that outlives this process (`--no-wait`). */
  handOver(jobId: string): void {
    this.holder = { ...this.holder, slurm_job: jobId };
    writeFileSync(this.file, JSON.stringify(this.holder) + "\n");
  }

  release(): void {
    const current = readHolder(this.file);
    if (current?.pid === this.holder.pid && current.host === this.holder.host)
      rmSync(this.file, { force: true });
  }
}

export function readLock(dir: string): LockHolder | undefined {
  return readHolder(join(dir, LOCK));
}
