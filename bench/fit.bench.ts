// Fitting benchmark (issue 6): Hoffmann's procedure — Chinchilla form, Huber δ = 1e-3 on log
// loss, 4,500 starts — on 240 synthetic points (target < 5 s), and one 3-parameter fit
// (saturating power law, 30 points; target < 1 ms). One JSON line per figure on stdout.
import { chinchilla, fitCurve, hoffmannStarts, saturatingPowerLaw } from "../src/fit/index.ts";
import { lastMultiStart, shutdownFitWorkers } from "../src/fit/multistart.ts";
import { rng } from "../src/data/random.ts";

function chinchillaData(count: number, seed: number) {
  const random = rng(seed);
  const N: number[] = [];
  const D: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < count; i++) {
    const n = 7e7 * Math.pow(16e9 / 7e7, random.uniform());
    const d = 5e9 * Math.pow(100, random.uniform());
    N.push(n);
    D.push(d);
    y.push((1.69 + 406.4 / n ** 0.34 + 410.7 / d ** 0.28) * Math.exp(0.01 * random.normal()));
  }
  return { x: { N, D }, y };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const rows: string[] = [];
function report(
  caseName: string,
  value: number,
  unit: string,
  extra: Record<string, unknown> = {},
) {
  console.log(
    JSON.stringify({
      bench: "fit",
      case: caseName,
      metric: "median",
      value: Number(value.toPrecision(4)),
      unit,
      ...extra,
    }),
  );
  rows.push(`${caseName.padEnd(40)} ${value.toPrecision(4).padStart(10)} ${unit}`);
}

// One 3-parameter fit, repeated.
{
  const random = rng(7);
  const x = Array.from({ length: 30 }, (_, i) => 10 ** (i / 6));
  const y = x.map((v) => (1.5 + 20 * v ** -0.5) * Math.exp(0.01 * random.normal()));
  const spec = { model: saturatingPowerLaw, x, y, init: { E: 1, A: 10, alpha: 0.3 } };
  for (let i = 0; i < 20; i++) fitCurve(spec);
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    fitCurve(spec);
    times.push(performance.now() - t);
  }
  report("saturatingPowerLaw-1-start-30-points", median(times), "ms", { target: 1 });
}

// Hoffmann's grid: on every core (the default), then on one thread for comparison.
{
  const data = chinchillaData(240, 1);
  const runs = [
    { loss: { huber: 1e-3 }, threads: undefined },
    { loss: { huber: 1e-3 }, threads: "1" },
    { loss: "l2", threads: undefined },
  ] as const;
  for (const { loss, threads } of runs) {
    if (threads === undefined) delete process.env.TSNB_THREADS;
    else process.env.TSNB_THREADS = threads;
    fitCurve({ model: chinchilla, ...data, init: hoffmannStarts, loss }); // start the workers
    const t = performance.now();
    const cpu = process.cpuUsage();
    const fit = fitCurve({ model: chinchilla, ...data, init: hoffmannStarts, loss });
    const seconds = (performance.now() - t) / 1000;
    const label = typeof loss === "string" ? "l2" : "huber";
    const shared = lastMultiStart();
    report(
      `chinchilla-${label}-4500-starts-240-points${threads === "1" ? "-1-thread" : ""}`,
      seconds,
      "s",
      {
        target: label === "huber" && threads === undefined ? 5 : undefined,
        threads: shared.threads,
        starts_on_workers: shared.byWorkers,
        reached_best_share: Number((fit.starts.reachedBest / fit.starts.tried).toFixed(3)),
        // CPU time of the process (all threads): on a shared machine it tracks the work better.
        cpu_s: Number((process.cpuUsage(cpu).user / 1e6).toPrecision(4)),
      },
    );
  }
  delete process.env.TSNB_THREADS;
  shutdownFitWorkers();
}

process.stderr.write(`fit benchmark (machine shared; timings are noisy)\n${rows.join("\n")}\n`);
