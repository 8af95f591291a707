// `tsnb sweep collect DIR`, `tsnb sweep status DIR` and `tsnb sweep point DIR`: the sub-commands
// that read a sweep's directory back, and the one that runs a single point by its index (what a
// Slurm array task or a Kubernetes pod runs).
import { parseArgs } from "node:util";
import { readSweep, sweepCsv } from "../sweep/collect.ts";
import { currentResult, readManifest } from "../sweep/manifest.ts";
import { runPoint } from "../sweep/point.ts";
import { describeParameters, sweepStatus } from "../sweep/status.ts";
import { UsageError } from "./usage.ts";

export async function collectCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      csv: { type: "boolean" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write((await import("./sweep.ts")).SWEEP_HELP + "\n");
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError("collect: expected one sweep directory");
  if (values.csv && values.json) throw new UsageError("collect: use either --csv or --json");
  const rows = readSweep(positionals[0]!);
  process.stdout.write(values.json ? JSON.stringify(rows, null, 1) + "\n" : sweepCsv(rows));
  return 0;
}

export async function statusCommand(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError("status: expected one sweep directory");
  const { text, manifest } = await sweepStatus(positionals[0]!);
  process.stdout.write(text);
  return manifest.points.some((p) => p.status === "failed") ? 1 : 0;
}

/** One point by index (--index, else $SLURM_ARRAY_TASK_ID or $JOB_COMPLETION_INDEX); skips a done one. */
export async function pointCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { index: { type: "string" } },
  });
  if (positionals.length !== 1) throw new UsageError("point: expected one sweep directory");
  const dir = positionals[0]!;
  const text = values.index ?? process.env.SLURM_ARRAY_TASK_ID ?? process.env.JOB_COMPLETION_INDEX;
  const manifest = readManifest(dir);
  const point = manifest.points.find((p) => String(p.index) === text);
  if (!point)
    throw new UsageError(
      `point: no point with index ${text ?? "(none: give --index)"} in ${dir} (0–${manifest.points.length - 1})`,
    );
  const done = currentResult(dir, manifest, point);
  if (done?.status === "done") {
    process.stderr.write(`tsnb sweep point: ${point.id} already done\n`);
    return 0;
  }
  const result = await runPoint(dir, manifest, point);
  process.stderr.write(
    `tsnb sweep point: ${point.id} (${describeParameters(point.parameters)}) ${result?.status}, exit ${result?.exit_code}, ${result?.seconds} s\n`,
  );
  return result?.status === "done" ? 0 : 1;
}
