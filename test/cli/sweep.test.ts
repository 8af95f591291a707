// End to end: the real `tsnb sweep` over a fixture notebook, on the local pool and as a real
// Slurm job array (the one-node cluster .ci/slurm-up starts), read back with collect/readSweep.
import { spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readSweep, type SweepRow } from "../../src/sweep/collect.ts";
import { root } from "./tsnb.ts";

const NB = join(root, "test/sweep/fixtures/point.ipynb");
const BIN = join(root, "bin/tsnb.js");
const fresh = () => mkdtempSync(join(tmpdir(), "tsnb-sweep-"));
const LONG = 300_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `tsnb …`; `onChild` sees the process (to interrupt it). */
function tsnb(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  onChild?: (child: ReturnType<typeof spawn>) => void,
): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: root, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    onChild?.(child);
  });
}

/** Rows without what differs between runs (timing), in parameter order. */
const comparable = (rows: SweepRow[]) =>
  rows
    .map(({ seconds: _s, ...rest }) => rest)
    .sort((a, b) => String(a.point).localeCompare(String(b.point)));

describe("tsnb sweep (local executor)", { timeout: LONG }, () => {
  const dir = fresh();
  let first: Run;
  beforeAll(async () => {
    first = await tsnb([
      "sweep",
      NB,
      "-p",
      "n=1,2",
      "-p",
      "label=x,y",
      "--out",
      dir,
      "--jobs",
      "2",
    ]);
  }, LONG);

  it("runs every point of the product, writes the manifest, and collects parameters, scraps and claims", () => {
    expect(first.stderr).toContain("4 points — 4 done, 0 failed");
    expect(first.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, "sweep.json"), "utf8"));
    expect(manifest).toMatchObject({ notebook: NB, executor: "local", tsnb_version: "0.1.0" });
    expect(manifest.notebook_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.points).toHaveLength(4);
    for (const point of manifest.points) {
      expect(point).toMatchObject({ status: "done", exit_code: 0, host: hostname() });
      expect(existsSync(join(dir, "points", `${point.id}.ipynb`))).toBe(true);
    }
    const rows = readSweep(dir);
    expect(
      rows.map((r) => [r.n, r.label, r.square, r.tag, r["claim.small"], r["claim.small.measured"]]),
    ).toEqual([
      [1, "x", 1, "x-1", "pass", 1],
      [1, "y", 1, "y-1", "pass", 1],
      [2, "x", 4, "x-2", "pass", 2],
      [2, "y", 4, "y-2", "pass", 2],
    ]);
  });

  it("prints the same rows with collect --json and as CSV", async () => {
    const json = await tsnb(["sweep", "collect", dir, "--json"]);
    expect(comparable(JSON.parse(json.stdout))).toEqual(comparable(readSweep(dir)));
    const csv = await tsnb(["sweep", "collect", dir, "--csv"]);
    const lines = csv.stdout.trim().split("\n");
    expect(lines[0]).toBe(
      "point,status,seconds,n,label,square,tag,claim.small,claim.small.measured",
    );
    expect(lines).toHaveLength(5);
  });

  it("is idempotent: the same command again skips the done points", async () => {
    const again = await tsnb(["sweep", NB, "-p", "n=1,2", "-p", "label=x,y", "--out", dir]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("4 of 4 points already done, skipped");
    const status = await tsnb(["sweep", "status", dir]);
    expect(status.stdout).toContain("4 done, 0 failed, 0 running, 0 pending");
  });

  it(
    "gives the same collected rows on a real Slurm job array",
    async () => {
      const slurm = fresh();
      const run = await tsnb([
        "sweep",
        NB,
        "-p",
        "n=1,2",
        "-p",
        "label=x,y",
        "--out",
        slurm,
        "--executor",
        "slurm",
        "--jobs",
        "2",
      ]);
      expect(run.stderr).toMatch(/submitted Slurm job array \d+ \(4 points\)/);
      expect(run.code).toBe(0);
      expect(comparable(readSweep(slurm))).toEqual(comparable(readSweep(dir)));
      const jobId = JSON.parse(readFileSync(join(slurm, "sweep.json"), "utf8")).slurm.job_id;
      expect(
        readdirSync(join(slurm, "logs")).filter((f) => f.startsWith(`slurm-${jobId}_`)),
      ).toHaveLength(4);
      const status = await tsnb(["sweep", "status", slurm]);
      expect(status.stdout).toContain(`Slurm job ${jobId}: no task queued`);
    },
    LONG,
  );
});

describe("tsnb sweep: failures and interruption", { timeout: LONG }, () => {
  it(
    "reports a failing point, completes the others, and re-runs only the failed one",
    async () => {
      const dir = fresh();
      const run = await tsnb(["sweep", NB, "-p", "fail=true,false", "--out", dir]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("2 points — 1 done, 1 failed");
      const rows = readSweep(dir);
      expect(rows.map((r) => [r.fail, r.status, r.square ?? null])).toEqual([
        [true, "failed", null],
        [false, "done", 4],
      ]);
      const status = await tsnb(["sweep", "status", dir]);
      expect(status.code).toBe(1);
      expect(status.stdout).toMatch(/failed: \w+ \(fail=true\) exit 1 — log .*logs\/\w+\.log/);
      const again = await tsnb(["sweep", NB, "-p", "fail=true,false", "--out", dir]);
      expect(again.stderr).toContain("1 of 2 points already done, skipped");
      expect(again.code).toBe(1);
    },
    LONG,
  );

  it(
    "stops cleanly on Ctrl-C (manifest consistent, lock released) and resumes where it stopped",
    async () => {
      const dir = fresh();
      const args = ["sweep", NB, "-p", "n=1,2,3", "-p", "busy=1.5", "--out", dir, "--jobs", "1"];
      const stopped = await tsnb(args, process.env, (child) => {
        const timer = setInterval(() => {
          const points = existsSync(join(dir, "points")) ? readdirSync(join(dir, "points")) : [];
          if (points.some((f) => f.endsWith(".json"))) {
            clearInterval(timer);
            child.kill("SIGINT");
          }
        }, 100);
      });
      expect(stopped.code).toBe(130);
      expect(existsSync(join(dir, "sweep.lock"))).toBe(false);
      const manifest = JSON.parse(readFileSync(join(dir, "sweep.json"), "utf8"));
      const done = manifest.points.filter((p: { status: string }) => p.status === "done").length;
      expect(done).toBeGreaterThanOrEqual(1);
      expect(done).toBeLessThan(3);
      expect(
        manifest.points.every(
          (p: { status: string }) => p.status === "done" || p.status === "pending",
        ),
      ).toBe(true);
      const resumed = await tsnb(args);
      expect(resumed.stderr).toContain(`${done} of 3 points already done, skipped`);
      expect(resumed.code).toBe(0);
      expect(readSweep(dir).map((r) => r.square)).toEqual([1, 4, 9]);
    },
    LONG,
  );
});

describe("tsnb sweep: bad input stops with exit 2 before any point runs", { timeout: LONG }, () => {
  const cases: [string, string[], RegExp][] = [
    [
      "an unknown parameter",
      ["-p", "width=1,2"],
      /unknown-parameter: .*declares no parameter "width" \(it declares n, label, fail, busy\)/,
    ],
    ["a value of the wrong type", ["-p", "n=1,two"], /wrong-type: -p n=two: .*not a number/],
    ["an empty grid", ["-p", "n="], /empty-grid: -p n=: no values for n/],
    [
      "a refused submission",
      ["-p", "n=1", "--executor", "slurm", "--slurm-opt=--partition=nosuch"],
      /submission-rejected: sbatch .*--partition=nosuch.*refused the job array: .*invalid partition/i,
    ],
  ];
  for (const [what, args, message] of cases)
    it(`names ${what}`, async () => {
      const dir = fresh();
      const run = await tsnb(["sweep", NB, ...args, "--out", dir]);
      expect(run.stderr).toMatch(message);
      expect(run.code).toBe(2);
      expect(existsSync(join(dir, "points"))).toBe(false);
    });

  it("names a missing sbatch", async () => {
    const dir = fresh();
    // A PATH that has node but no Slurm commands.
    const bin = fresh();
    symlinkSync(process.execPath, join(bin, "node"));
    const run = await tsnb(["sweep", NB, "-p", "n=1", "--executor", "slurm", "--out", dir], {
      ...process.env,
      PATH: bin,
    });
    expect(run.stderr).toMatch(/no-sbatch: sbatch is not on PATH/);
    expect(run.code).toBe(2);
    expect(existsSync(join(dir, "sweep.json"))).toBe(false);
  });

  it("refuses a directory another sweep holds, naming the holder", async () => {
    const dir = fresh();
    const holder = {
      pid: process.pid,
      host: hostname(),
      started: "2026-01-01T00:00:00Z",
      command: "tsnb sweep other.ipynb",
    };
    writeFileSync(join(dir, "sweep.lock"), JSON.stringify(holder));
    const run = await tsnb(["sweep", NB, "-p", "n=1", "--out", dir]);
    expect(run.stderr).toMatch(
      new RegExp(
        `locked: .*in use by another sweep \\(pid ${process.pid} on ${hostname()}.*tsnb sweep other.ipynb`,
      ),
    );
    expect(run.code).toBe(2);
    expect(existsSync(join(dir, "points"))).toBe(false);
  });
});

describe("tsnb sweep --timeout and --max-memory", { timeout: LONG }, () => {
  it("passes both to each point's tsnb run: a point whose cell outlives the timeout fails, the rest complete", async () => {
    const dir = fresh();
    const run = await tsnb([
      "sweep",
      NB,
      "-p",
      "busy=0,20",
      "--timeout",
      "2",
      "--max-memory",
      "512",
      "--out",
      dir,
    ]);
    expect(run.code).toBe(1);
    const manifest = JSON.parse(readFileSync(join(dir, "sweep.json"), "utf8"));
    expect(manifest).toMatchObject({ timeout: 2, max_memory: 512 });
    expect(readSweep(dir).map((r) => [r.busy, r.status, r.square ?? null])).toEqual([
      [0, "done", 4],
      [20, "failed", null],
    ]);
    const slow = manifest.points[1];
    expect(readFileSync(join(dir, "logs", `${slow.id}.log`), "utf8")).toMatch(/timeout|timed out/i);
  });
});

describe("tsnb sweep --emit k8s", { timeout: LONG }, () => {
  it(
    "writes the manifest and prints an Indexed Job for its points, running none",
    async () => {
      const dir = fresh();
      const run = await tsnb([
        "sweep",
        NB,
        "-p",
        "n=1,2,3",
        "--out",
        dir,
        "--emit",
        "k8s",
        "--image",
        "ghcr.io/example/tsnb:1",
      ]);
      expect(run.code).toBe(0);
      const job = JSON.parse(run.stdout);
      expect(job).toMatchObject({
        kind: "Job",
        spec: { completionMode: "Indexed", completions: 3 },
      });
      expect(JSON.parse(readFileSync(join(dir, "k8s-job.json"), "utf8"))).toEqual(job);
      expect(existsSync(join(dir, "points"))).toBe(false);
      // The pod's command with the index Kubernetes gives it runs one point.
      const point = spawnSync(
        process.execPath,
        [BIN, ...job.spec.template.spec.containers[0].command.slice(2)],
        {
          cwd: root,
          env: { ...process.env, JOB_COMPLETION_INDEX: "1" },
          encoding: "utf8",
        },
      );
      expect(point.status).toBe(0);
      expect(readSweep(dir).map((r) => [r.n, r.status, r.square ?? null])).toEqual([
        [1, "pending", null],
        [2, "done", 4],
        [3, "pending", null],
      ]);
    },
    LONG,
  );
});
