// Runtime benchmarks (issue targets: trivial cell < 2 ms median, session start < 150 ms).
// Session cold start is measured in a fresh process, so module loading is included.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { OutputSink } from "../src/display/sink.ts";
import { Session } from "../src/runtime/session.ts";

const root = fileURLToPath(new URL("../", import.meta.url));
const sink: OutputSink = { emit() {}, update() {}, clear() {}, interactive: false };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function report(name: string, metric: string, value: number, unit: string, target?: number): void {
  const line: Record<string, unknown> = {
    bench: "runtime",
    case: name,
    metric,
    value: Math.round(value * 1000) / 1000,
    unit,
  };
  if (target !== undefined) line.target = target;
  console.log(JSON.stringify(line));
  process.stderr.write(
    `runtime  ${name.padEnd(22)} ${metric.padEnd(7)} ${value.toFixed(3).padStart(9)} ${unit}${target === undefined ? "" : `  (target < ${target})`}\n`,
  );
}

async function timeCell(session: Session, code: string, repeats: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    const reply = await session.execute(code, sink);
    times.push(performance.now() - start);
    if (reply.status !== "ok") throw new Error(`benchmark cell failed: ${reply.evalue}`);
  }
  return times;
}

// Cold start: a fresh Node process that creates a Session and runs `1 + 1`.
const probe = `
  import { register } from "tsx/esm/api"; register();
  const t0 = performance.now();
  const { Session } = await import(${JSON.stringify(root + "src/runtime/session.ts")});
  const s = new Session();
  const t1 = performance.now();
  await s.execute("1 + 1", { emit() {}, update() {}, clear() {}, interactive: false });
  console.log(JSON.stringify({ start: t1 - t0, first: performance.now() - t1 }));
`;
const starts: number[] = [];
const firsts: number[] = [];
for (let i = 0; i < 5; i++) {
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", probe], {
    cwd: root,
    encoding: "utf8",
  });
  const { start, first } = JSON.parse(out.trim().split("\n").at(-1)!);
  starts.push(start);
  firsts.push(first);
}
report("session-cold-start", "median", median(starts), "ms", 150);
report("first-cell", "median", median(firsts), "ms");

const session = new Session();
await timeCell(session, "1 + 1", 20);
report("trivial-cell", "median", median(await timeCell(session, "1 + 1", 200)), "ms", 2);

const longCell =
  Array.from({ length: 200 }, (_, i) => `const v${i}: number = ${i} * 2 + Math.sqrt(${i});`).join(
    "\n",
  ) + "\nv199";
report("200-line-cell", "median", median(await timeCell(session, longCell, 30)), "ms");

const plotCell = `
const pts = Array.from({ length: 1000 }, (_, i) => ({ x: i, y: Math.sin(i / 50) }));
Plot.plot({ marks: [Plot.dot(pts, { x: "x", y: "y" })] })`;
const importPlot = 'import { Plot } from "tsnb";\n' + plotCell;
report("plot-1000-points-first", "value", (await timeCell(session, importPlot, 1))[0], "ms");
report("plot-1000-points", "median", median(await timeCell(session, importPlot, 10)), "ms");
await session.dispose();
