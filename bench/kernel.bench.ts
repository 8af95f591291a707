// Kernel benchmark: start → kernel_info_reply, the first execute_reply after start, the first
// completion made 1 s after that cell went idle (JupyterLab's completer gives up after 1 s),
// and the execute round-trip of `1 + 1` (median), all measured from a Python jupyter_client —
// the client JupyterLab's server and nbclient use — for tsnb and, in the same run, Debian's
// python3-ipykernel as the reference. Targets: start < 400 ms, first completion < 1000 ms,
// round-trip median < 5 ms. Figures are JSON lines on stdout.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { installKernelSpec } from "../kernel/kernelspec/install.ts";

const STARTS = Number(process.env.TSNB_BENCH_KERNEL_STARTS ?? 5);
const ROUND_TRIPS = Number(process.env.TSNB_BENCH_KERNEL_ROUND_TRIPS ?? 200);

// Start = Popen of the kernel until its kernel_info_reply arrives (the request is queued by
// ZeroMQ until the kernel binds). Round-trip = execute_request sent → execute_reply received.
const CLIENT = String.raw`
import json, os, statistics, sys, time
from jupyter_client import KernelManager

PROBE = {"tsnb": ("Math.", "Math.".__len__()), "python3": ("import o", 8)}

def measure(name, starts, trips, env=None):
    start_ms, trip_ms, first_exec_ms, first_complete_ms, matches = [], [], [], [], []
    for i in range(starts):
        km = KernelManager(kernel_name=name)
        t0 = time.perf_counter()
        km.start_kernel(**({"env": {**os.environ, **env}} if env else {}))
        kc = km.client()
        kc.start_channels()
        kc.kernel_info(reply=True, timeout=120)
        start_ms.append((time.perf_counter() - t0) * 1000)
        t = time.perf_counter()
        kc.execute("1 + 1", reply=True, timeout=120)
        first_exec_ms.append((time.perf_counter() - t) * 1000)
        time.sleep(1.0)
        code, cursor = PROBE[name]
        t = time.perf_counter()
        reply = kc.complete(code, cursor, reply=True, timeout=120)
        first_complete_ms.append((time.perf_counter() - t) * 1000)
        matches.append(len(reply["content"]["matches"]))
        if i == starts - 1:
            kc.wait_for_ready(timeout=120)
            for _ in range(10):
                kc.execute("1 + 1", reply=True, timeout=60)
            for _ in range(trips):
                t = time.perf_counter()
                kc.execute("1 + 1", reply=True, timeout=60)
                trip_ms.append((time.perf_counter() - t) * 1000)
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    return {"start": statistics.median(start_ms), "start_min": min(start_ms), "trip": statistics.median(trip_ms), "trip_p90": statistics.quantiles(trip_ms, n=10)[-1], "first_exec": statistics.median(first_exec_ms), "first_complete": statistics.median(first_complete_ms), "first_complete_max": max(first_complete_ms), "first_matches": min(matches)}

out = {name: measure(name, int(sys.argv[1]), int(sys.argv[2])) for name in ("tsnb", "python3")}
# The same kernel loading its language tools only on the first request, as before the preload.
out["lazy"] = measure("tsnb", int(sys.argv[1]), 10, {"TSNB_PRELOAD_LANGUAGE": "0"})
print(json.dumps(out))
`;

interface Figures {
  start: number;
  start_min: number;
  trip: number;
  trip_p90: number;
  first_exec: number;
  first_complete: number;
  first_complete_max: number;
  first_matches: number;
}

const home = mkdtempSync(join(tmpdir(), "tsnb-kernel-bench-"));
try {
  installKernelSpec({ kind: "prefix", prefix: home });
  const script = join(home, "client.py");
  writeFileSync(script, CLIENT);
  const result = spawnSync(
    "/usr/bin/python3",
    ["-Xfrozen_modules=off", script, String(STARTS), String(ROUND_TRIPS)],
    {
      env: {
        ...process.env,
        JUPYTER_PATH: join(home, "share/jupyter"),
        JUPYTER_RUNTIME_DIR: join(home, "runtime"),
        PYDEVD_DISABLE_FILE_VALIDATION: "1",
      },
      encoding: "utf8",
      timeout: 600_000,
    },
  );
  if (result.status !== 0)
    throw new Error(`kernel bench client failed (${result.status}):\n${result.stderr}`);
  const figures = JSON.parse(result.stdout.trim().split("\n").at(-1)!) as {
    tsnb: Figures;
    python3: Figures;
    lazy: Figures;
  };
  const round = (x: number) => Number(x.toFixed(2));
  const rows = [
    { case: "start-to-kernel_info_reply", metric: "median", key: "start" as const, target: 400 },
    { case: "start-to-kernel_info_reply", metric: "min", key: "start_min" as const, target: 400 },
    {
      case: "first-execute_reply-after-start",
      metric: "median",
      key: "first_exec" as const,
      target: 1000,
    },
    {
      case: "first-completion-1s-after-idle",
      metric: "median",
      key: "first_complete" as const,
      target: 1000,
    },
    {
      case: "first-completion-1s-after-idle",
      metric: "max",
      key: "first_complete_max" as const,
      target: 1000,
    },
    { case: "execute-1+1-round-trip", metric: "median", key: "trip" as const, target: 5 },
    { case: "execute-1+1-round-trip", metric: "p90", key: "trip_p90" as const, target: 5 },
  ];
  for (const row of rows) {
    const value = figures.tsnb[row.key];
    const baseline = figures.python3[row.key];
    process.stdout.write(
      JSON.stringify({
        bench: "kernel",
        case: row.case,
        metric: row.metric,
        value: round(value),
        unit: "ms",
        baseline: "ipykernel",
        baseline_value: round(baseline),
        ratio: round(value / baseline),
        target: row.target,
      }) + "\n",
    );
  }
  const lazy = {
    bench: "kernel",
    case: "first-completion-1s-after-idle",
    metric: "median",
    value: round(figures.tsnb.first_complete),
    unit: "ms",
    baseline: "tsnb-without-preload",
    baseline_value: round(figures.lazy.first_complete),
    ratio: round(figures.tsnb.first_complete / figures.lazy.first_complete),
  };
  process.stdout.write(JSON.stringify(lazy) + "\n");
  process.stderr.write(
    `first execute_reply: ${figures.tsnb.first_exec.toFixed(0)} ms with the preload, ${figures.lazy.first_exec.toFixed(0)} ms without; ` +
      `first completion: ${figures.tsnb.first_complete.toFixed(0)} ms with, ${figures.lazy.first_complete.toFixed(0)} ms without\n`,
  );
  process.stderr.write(
    `first completion after start: ${figures.tsnb.first_matches} matches (tsnb, fewest of ${STARTS} starts)\n`,
  );
  process.stderr.write(
    [
      `kernel bench (${STARTS} starts, ${ROUND_TRIPS} round-trips, from jupyter_client)`,
      `  case                               tsnb ms   ipykernel ms   ratio`,
      ...rows.map(
        (row) =>
          `  ${`${row.case} ${row.metric}`.padEnd(34)} ${figures.tsnb[row.key].toFixed(2).padStart(8)} ${figures.python3[row.key].toFixed(2).padStart(14)} ${(figures.tsnb[row.key] / figures.python3[row.key]).toFixed(2).padStart(7)}`,
      ),
      "",
    ].join("\n"),
  );
} finally {
  rmSync(home, { recursive: true, force: true });
}
