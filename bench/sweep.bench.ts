// Sweep benchmarks: what `tsnb sweep` (local executor) adds per point over a bare `tsnb run` of
// the same notebook (target < 10%), and 16 points of a 1-second notebook on the local pool
// against running them one after another (target ≤ 0.6× the serial time on 2 cores).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const bin = join(root, "bin/tsnb.js");
// A notebook whose work cell busy-waits `busy` seconds (the sweep tests' fixture).
const notebook = join(root, "test/sweep/fixtures/point.ipynb");
const scratch = mkdtempSync(join(tmpdir(), "tsnb-bench-sweep-"));

function seconds(args: string[], okCodes = [0]): number {
  const start = performance.now();
  try {
    execFileSync(process.execPath, [bin, ...args], { cwd: root, stdio: "ignore" });
  } catch (error) {
    if (!okCodes.includes((error as { status: number }).status)) throw error;
  }
  return (performance.now() - start) / 1000;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function report(
  name: string,
  metric: string,
  value: number,
  unit: string,
  extra: Record<string, unknown> = {},
) {
  const line = {
    bench: "sweep",
    case: name,
    metric,
    value: Math.round(value * 1000) / 1000,
    unit,
    ...extra,
  };
  console.log(JSON.stringify(line));
  process.stderr.write(
    `sweep  ${name.padEnd(26)} ${metric.padEnd(8)} ${value.toFixed(3).padStart(9)} ${unit}  ${JSON.stringify(extra)}\n`,
  );
}

// Bare `tsnb run` of a 1-second notebook, the baseline of both figures.
const bare = median(
  [1, 2, 3].map((n) =>
    seconds([
      "run",
      notebook,
      "-p",
      "busy=1",
      "-p",
      `n=${n}`,
      "-o",
      join(scratch, `bare${n}.ipynb`),
      "--json",
    ]),
  ),
);
report("bare-run-1s-notebook", "median", bare, "s");

// Overhead: a 4-point sweep, one point at a time, against 4 bare runs.
const serialPoints = 4;
const sweepSerial = seconds(
  [
    "sweep",
    notebook,
    "-p",
    `n=${Array.from({ length: serialPoints }, (_, i) => i + 10).join(",")}`,
    "-p",
    "busy=1",
    "--out",
    join(scratch, "serial"),
    "--jobs",
    "1",
  ],
  [0, 3],
);
const overhead = (sweepSerial / serialPoints - bare) / bare;
report("overhead-per-point", "ratio", overhead * 100, "%", {
  baseline: "tsnb run",
  baseline_value: Math.round(bare * 1000) / 1000,
  per_point_s: Math.round((sweepSerial / serialPoints) * 1000) / 1000,
  target: 10,
});

// 16 points on the pool (one per core) against the serial time 16 × the bare run.
const points = 16;
const jobs = availableParallelism();
const pooled = seconds(
  [
    "sweep",
    notebook,
    "-p",
    `n=${Array.from({ length: points }, (_, i) => i + 100).join(",")}`,
    "-p",
    "busy=1",
    "--out",
    join(scratch, "pool"),
    "--jobs",
    String(jobs),
  ],
  [0, 3],
);
report(`${points}-points-${jobs}-jobs`, "wall", pooled, "s", {
  baseline: "serial tsnb run",
  baseline_value: Math.round(points * bare * 1000) / 1000,
  ratio: Math.round((pooled / (points * bare)) * 1000) / 1000,
  target: 0.6,
});
rmSync(scratch, { recursive: true, force: true });
