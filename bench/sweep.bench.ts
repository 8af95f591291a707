// Sweep benchmarks: what `tsnb sweep` (local executor) adds per point over a bare `tsnb run` of
// the same notebook (target < 10%), and 16 points of a 1-second notebook on the local pool
// against running them one after another (target ≤ 0.6× the serial time on 2 cores).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const bin = join(root, "bin/tsnb.js");
// A notebook whose work cell busy-waits `busy` seconds (the sweep tests' fixture).
const notebook = join(root, "test/sweep/fixtures/point.ipynb");
const scratch = mkdtempSync(join(tmpdir(), "tsnb-bench-sweep-"));

/** Wall and CPU seconds (user + system of the whole process tree, via GNU time) of `tsnb …`. */
function measure(args: string[], okCodes = [0]): { wall: number; cpu: number } {
  const timing = join(scratch, "time.txt");
  const hasTime = existsSync("/usr/bin/time");
  const command = hasTime ? "/usr/bin/time" : process.execPath;
  const prefix = hasTime ? ["-f", "%U %S", "-o", timing, process.execPath] : [];
  const start = performance.now();
  try {
    execFileSync(command, [...prefix, bin, ...args], { cwd: root, stdio: "ignore" });
  } catch (error) {
    if (!okCodes.includes((error as { status: number }).status)) throw error;
  }
  const wall = (performance.now() - start) / 1000;
  const cpu = hasTime
    ? readFileSync(timing, "utf8")
        .trim()
        .split("\n")
        .at(-1)!
        .split(" ")
        .reduce((sum, t) => sum + Number(t), 0)
    : Number.NaN;
  return { wall, cpu };
}

const load = () => Math.round(loadavg()[0]! * 10) / 10;

const round = (x: number) => Math.round(x * 1000) / 1000;
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

// Bare `tsnb run` of a 1-second notebook, the baseline of both figures. The machine's load is
// reported beside each figure: on a shared machine wall times stretch, CPU times much less.
const bareRuns = [1, 2, 3].map((n) =>
  measure(
    [
      "run",
      notebook,
      "-p",
      "busy=1",
      "-p",
      `n=${n}`,
      "-o",
      join(scratch, `bare${n}.ipynb`),
      "--json",
    ],
    [0, 3],
  ),
);
const bare = { wall: median(bareRuns.map((r) => r.wall)), cpu: median(bareRuns.map((r) => r.cpu)) };
report("bare-run-1s-notebook", "wall", bare.wall, "s", { cpu_s: round(bare.cpu), load: load() });

// Overhead: sweeps of 1 and of 4 points, one at a time. The sweep's fixed cost (planning: reading
// the notebook and checking the grid against its parameters cell) is what the 1-point sweep adds
// to a bare run; the cost per point is the 4-point sweep's growth over the 1-point one, / 3.
const sweepOf = (count: number, out: string) =>
  measure(
    [
      "sweep",
      notebook,
      "-p",
      `n=${Array.from({ length: count }, (_, i) => i + 10).join(",")}`,
      "-p",
      "busy=1",
      "--out",
      join(scratch, out),
      "--jobs",
      "1",
    ],
    [0, 3],
  );
const one = sweepOf(1, "one");
const four = sweepOf(4, "four");
for (const metric of ["wall", "cpu"] as const) {
  const perPoint = (four[metric] - one[metric]) / 3;
  report("overhead-per-point", metric, ((perPoint - bare[metric]) / bare[metric]) * 100, "%", {
    baseline: "tsnb run",
    baseline_value: round(bare[metric]),
    per_point_s: round(perPoint),
    sweep_fixed_s: round(one[metric] - bare[metric]),
    target: 10,
    ...(metric === "wall" ? { load: load() } : {}),
  });
}

// 16 points on the pool (one per core) against the serial time, 16 × the bare run.
const points = 16;
const jobs = availableParallelism();
const pooled = measure(
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
report(`${points}-points-${jobs}-jobs`, "wall", pooled.wall, "s", {
  baseline: "serial tsnb run",
  baseline_value: round(points * bare.wall),
  ratio: round(pooled.wall / (points * bare.wall)),
  target: 0.6,
  cpu_s: round(pooled.cpu),
  load: load(),
});
rmSync(scratch, { recursive: true, force: true });
