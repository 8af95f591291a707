// What each notebook costs against its `metadata.tsnb.budget_seconds`: wall and CPU seconds of
// `tsnb run --json` (CPU from the run's own `cpu_seconds`, all threads), one after another.
// Budgets are product decisions (CI runs every notebook); a loaded machine stretches the wall
// time, not the CPU time, so compare CPU seconds when the load average is high.
// TSNB_BENCH_NOTEBOOKS=slug,slug limits the run to those notebooks.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), "tsnb-bench-notebooks-"));
const only = process.env.TSNB_BENCH_NOTEBOOKS?.split(",").filter(Boolean);
const slugs = readdirSync(join(root, "notebooks"))
  .filter((file) => file.endsWith(".ipynb"))
  .map((file) => file.replace(/\.ipynb$/, ""))
  .filter((slug) => !only || only.includes(slug))
  .sort();

const rows: string[][] = [];
let wallTotal = 0;
let cpuTotal = 0;
for (const slug of slugs) {
  const file = join(root, "notebooks", `${slug}.ipynb`);
  const budget = (
    JSON.parse(readFileSync(file, "utf8")) as { metadata: { tsnb?: { budget_seconds?: number } } }
  ).metadata.tsnb?.budget_seconds;
  const loadBefore = loadavg()[0]!;
  let stdout: string;
  try {
    ({ stdout } = await run(
      process.execPath,
      [join(root, "bin/tsnb.js"), "run", file, "-o", join(scratch, `${slug}.ipynb`), "--json"],
      {
        cwd: root,
        maxBuffer: 64 * 1024 * 1024,
      },
    ));
  } catch (error) {
    stdout = (error as { stdout: string }).stdout; // a failed claim exits 3; the timing stands
  }
  const summary = JSON.parse(stdout) as { seconds: number; cpu_seconds: number; errors: number };
  wallTotal += summary.seconds;
  cpuTotal += summary.cpu_seconds;
  const load = Math.round(((loadBefore + loadavg()[0]!) / 2) * 10) / 10;
  const ratio = budget ? summary.cpu_seconds / budget : Number.NaN;
  console.log(
    JSON.stringify({
      bench: "notebooks",
      case: slug,
      wall_s: summary.seconds,
      cpu_s: summary.cpu_seconds,
      budget_s: budget ?? null,
      cpu_over_budget: Math.round(ratio * 100) / 100,
      errors: summary.errors,
      load,
    }),
  );
  rows.push([
    slug,
    summary.seconds.toFixed(1),
    summary.cpu_seconds.toFixed(1),
    String(budget ?? "-"),
    ratio.toFixed(2),
    load.toFixed(1),
  ]);
}
rmSync(scratch, { recursive: true, force: true });
const header = ["notebook", "wall s", "cpu s", "budget s", "cpu/budget", "load"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
console.error(
  `\nnotebooks, one after another (1-min load average per run; compare CPU seconds when it is high)`,
);
console.error(line(header));
for (const row of rows) console.error(line(row));
console.error(
  `total: ${wallTotal.toFixed(0)} s wall, ${cpuTotal.toFixed(0)} s CPU over ${rows.length} notebooks`,
);
