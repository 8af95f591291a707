// `tsnb sweep`: runs a notebook over a parameter grid on this machine's cores or as a Slurm job
// array, resumably, into DIR (sweep.json, points/, logs/); `collect` and `status` read DIR back;
// `point` runs one point by index (what each array task or Kubernetes pod runs). The work is in
// src/sweep; this is the shell: arguments, the lock, Ctrl-C, progress and exit codes.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { SweepError } from "../sweep/errors.ts";
import { indexedJob } from "../sweep/k8s.ts";
import { defaultJobs, runLocal } from "../sweep/local.ts";
import type { SweepLock } from "../sweep/lock.ts";
import {
  countStatuses,
  currentResult,
  refreshPoints,
  writeManifest,
  type SweepManifest,
} from "../sweep/manifest.ts";
import { buildGrid } from "../sweep/plan.ts";
import { openSweep } from "../sweep/run-sweep.ts";
import { cancelJob, hasSbatch, slurmOptions, submitArray, waitForJob } from "../sweep/slurm.ts";
import { describeParameters } from "../sweep/status.ts";
import { ProgressLine } from "./progress-line.ts";
import { UsageError } from "./usage.ts";

export const SWEEP_HELP = `Usage: tsnb sweep NOTEBOOK -p NAME=V1,V2,… [-p …] [--grid FILE] --out DIR [options]
       tsnb sweep collect DIR [--csv | --json]
       tsnb sweep status DIR

Runs NOTEBOOK once per point of a parameter grid, each point as \`tsnb run -p …\` does, into DIR:
DIR/sweep.json (the manifest), DIR/points/<id>.ipynb and .json (each point's executed notebook
and outcome), DIR/logs/. Re-running the same command resumes: points already done with the same
notebook and parameters are skipped, failed ones run again.

Options:
  -p, --parameter N=V1,V2  an axis of the grid (the grid is the product of all axes)
      --grid FILE          points from a CSV file (header = parameter names) or JSON (an array of
                           objects, or an object of arrays); crossed with any -p axes
      --out DIR            the sweep's directory (required)
      --executor E         local (default: a process pool on this machine) or slurm (a job array)
      --jobs N             points run at once (local: default the number of cores; slurm: %N)
      --timeout S          passed to each point's tsnb run (per cell)
      --max-memory MIB     passed to each point's tsnb run (heap limit of its cells)
      --slurm-opt="…"      extra sbatch options, e.g. --slurm-opt="--partition=gpu --time=00:30:00"
      --no-wait            slurm: return once submitted (then: tsnb sweep status DIR)
      --emit k8s           write and print a Kubernetes Indexed Job for the points, run nothing
      --image IMG          k8s: container image with node and this checkout (default node:20)
      --workdir PATH       k8s: the checkout's path in the image (default: this checkout's)
      --pvc NAME           k8s: PersistentVolumeClaim mounted at DIR (default tsnb-sweep)
  -h, --help               show this help

collect prints one row per point: its parameters, every glue(name, value) scrap, and every
claim's status and measured value (CSV by default). readSweep(DIR) from "tsnb" returns the rows.

Exit codes: 0 every point ran and its claims passed; 1 a point failed; 3 a claim failed;
130 stopped by Ctrl-C (finished points kept); 2 bad input (unknown parameter, a value of the
wrong type, an empty grid, no sbatch, a refused submission, DIR in use), before any point runs.`;

export async function sweepCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "collect") return (await import("./sweep-subcommands.ts")).collectCommand(rest);
  if (sub === "status") return (await import("./sweep-subcommands.ts")).statusCommand(rest);
  if (sub === "point") return (await import("./sweep-subcommands.ts")).pointCommand(rest);
  return startCommand(argv);
}

async function startCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      parameter: { type: "string", short: "p", multiple: true },
      grid: { type: "string" },
      out: { type: "string" },
      executor: { type: "string", default: "local" },
      jobs: { type: "string" },
      timeout: { type: "string" },
      "max-memory": { type: "string" },
      "slurm-opt": { type: "string" },
      "no-wait": { type: "boolean" },
      emit: { type: "string" },
      image: { type: "string", default: "node:20" },
      workdir: { type: "string" },
      pvc: { type: "string", default: "tsnb-sweep" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(SWEEP_HELP + "\n");
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError("expected exactly one notebook (see tsnb sweep --help)");
  if (!values.out) throw new UsageError("--out DIR is required");
  const executor = values.executor;
  if (executor !== "local" && executor !== "slurm")
    throw new UsageError(`--executor ${executor}: expected local or slurm`);
  if (values.emit !== undefined && values.emit !== "k8s")
    throw new UsageError(`--emit ${values.emit}: expected k8s`);
  const jobs = positiveNumber("--jobs", values.jobs);
  const timeout = positiveNumber("--timeout", values.timeout);
  const maxMemory = positiveNumber("--max-memory", values["max-memory"]);
  const dir = values.out;
  const { manifest, todo, lock } = await openSweep(
    {
      notebook: positionals[0]!,
      grid: buildGrid(values.parameter ?? [], values.grid),
      out: dir,
      timeout,
      maxMemory,
      command: ["tsnb", "sweep", ...argv].join(" "),
    },
    values.emit ? "k8s" : executor,
    async () => {
      if (executor === "slurm" && !values.emit && !(await hasSbatch()))
        throw new SweepError(
          "no-sbatch",
          "sbatch is not on PATH: --executor slurm needs Slurm's client commands (run on a login node, or use --executor local)",
        );
    },
  );
  try {
    if (values.emit) {
      const job = indexedJob(dir, manifest, {
        image: values.image!,
        workdir: values.workdir ?? process.cwd(),
        claim: values.pvc!,
        parallelism: jobs ?? manifest.points.length,
      });
      const text = JSON.stringify(job, null, 2) + "\n";
      writeFileSync(join(dir, "k8s-job.json"), text);
      process.stdout.write(text);
      return 0;
    }
    const skipped = manifest.points.length - todo.length;
    if (skipped > 0)
      process.stderr.write(
        `tsnb sweep: ${skipped} of ${manifest.points.length} points already done, skipped\n`,
      );
    const stop = new AbortController();
    const interrupt = () => stop.abort();
    process.on("SIGINT", interrupt);
    process.on("SIGTERM", interrupt);
    try {
      if (executor === "local") await runLocally(dir, manifest, todo, jobs, stop.signal);
      else {
        const waited = await runOnSlurm(dir, manifest, todo, {
          jobs,
          slurmOpt: values["slurm-opt"],
          wait: !values["no-wait"],
          signal: stop.signal,
          lock,
        });
        if (!waited) return 0;
      }
    } finally {
      process.off("SIGINT", interrupt);
      process.off("SIGTERM", interrupt);
    }
    await writeManifest(dir, manifest);
    process.stderr.write(summaryLine(dir, manifest));
    if (stop.signal.aborted) return 130;
    return sweepExitCode(dir, manifest);
  } finally {
    lock.release();
  }
}

async function runLocally(
  dir: string,
  manifest: SweepManifest,
  todo: SweepManifest["points"],
  jobs: number | undefined,
  signal: AbortSignal,
): Promise<void> {
  const progress = new ProgressLine(process.stderr);
  const started = performance.now();
  let finished = 0;
  let failed = 0;
  let running = 0;
  const show = () => {
    const elapsed = (performance.now() - started) / 1000;
    const eta =
      finished > 0 ? ` · ETA ${Math.ceil((elapsed / finished) * (todo.length - finished))} s` : "";
    progress.show(
      `sweep ${dir}: ${finished}/${todo.length} done, ${failed} failed, ${running} running${eta}`,
    );
  };
  await runLocal(dir, manifest, todo, {
    jobs: jobs ?? defaultJobs(),
    signal,
    onStart: () => {
      running++;
      show();
    },
    onFinish: (point, result) => {
      running--;
      finished++;
      if (result.status === "failed") failed++;
      progress.done();
      if (!process.stderr.isTTY || result.status === "failed")
        process.stderr.write(
          `tsnb sweep: ${point.id} (${describeParameters(point.parameters)}) ${result.status}, exit ${result.exit_code ?? result.signal}, ${result.seconds} s\n`,
        );
      show();
    },
  });
  progress.done();
}

/** Submits the array and (unless --no-wait) waits for it; false when it returned at once. */
async function runOnSlurm(
  dir: string,
  manifest: SweepManifest,
  todo: SweepManifest["points"],
  options: {
    jobs?: number;
    slurmOpt?: string;
    wait: boolean;
    signal: AbortSignal;
    lock: SweepLock;
  },
): Promise<boolean> {
  if (todo.length === 0) return true;
  const submission = await submitArray(dir, todo, {
    limit: options.jobs,
    slurmOptions: slurmOptions(options.slurmOpt),
  });
  manifest.slurm = {
    job_id: submission.jobId,
    script: submission.script,
    options: submission.options,
  };
  for (const point of todo) point.status = "running";
  await writeManifest(dir, manifest);
  process.stderr.write(
    `tsnb sweep: submitted Slurm job array ${submission.jobId} (${todo.length} points)\n`,
  );
  if (!options.wait) {
    options.lock.handOver(submission.jobId);
    process.stdout.write(`${submission.jobId}\n`);
    return false;
  }
  const progress = new ProgressLine(process.stderr);
  await waitForJob(submission.jobId, {
    signal: options.signal,
    onPoll: (states) => {
      const counts = countStatuses(refreshPoints(dir, manifest).points);
      progress.show(
        `sweep ${dir}: Slurm job ${submission.jobId}: ${counts.done} done, ${counts.failed} failed, ${states.length} queued`,
      );
    },
  });
  progress.done();
  if (options.signal.aborted) {
    await cancelJob(submission.jobId);
    process.stderr.write(`tsnb sweep: cancelled Slurm job ${submission.jobId}\n`);
  }
  refreshPoints(dir, manifest);
  for (const point of todo)
    if (point.status === "running") point.status = options.signal.aborted ? "pending" : "failed";
  return true;
}

function summaryLine(dir: string, manifest: SweepManifest): string {
  const c = countStatuses(manifest.points);
  return `tsnb sweep: ${dir}: ${manifest.points.length} points — ${c.done} done, ${c.failed} failed, ${c.pending} pending\n`;
}

/** 1 if a point failed, 3 if a point's claim failed (known failures aside), else 0. */
function sweepExitCode(dir: string, manifest: SweepManifest): number {
  if (manifest.points.some((p) => p.status !== "done")) return 1;
  return manifest.points.some((p) => currentResult(dir, manifest, p)?.exit_code === 3) ? 3 : 0;
}

function positiveNumber(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`${flag} ${text}: expected a positive number`);
  return n;
}
