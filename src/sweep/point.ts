// Runs one point: `tsnb run NOTEBOOK -o points/<id>.ipynb --json -p …` as a child process (so a
// point that crashes, hangs or runs out of memory takes only itself down), its stderr kept in
// logs/<id>.log, its outcome written atomically to points/<id>.json. Used by the local pool and
// by `tsnb sweep point DIR` (what each Slurm array task and Kubernetes index runs).
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { hostname } from "node:os";
import { fileURLToPath } from "node:url";
import type { SweepManifest, SweepPoint } from "./manifest.ts";
import {
  logPath,
  pointPath,
  statusOfExit,
  writePointResult,
  type PointResult,
} from "./point-result.ts";

export const TSNB_BIN = fileURLToPath(new URL("../../bin/tsnb.js", import.meta.url));

/** The `tsnb run` arguments of one point. */
export function pointArguments(dir: string, manifest: SweepManifest, point: SweepPoint): string[] {
  const args = ["run", manifest.notebook, "-o", pointPath(dir, point.id, "ipynb"), "--json"];
  for (const [name, value] of Object.entries(point.parameters)) args.push("-p", `${name}=${value}`);
  if (manifest.timeout !== undefined) args.push("--timeout", String(manifest.timeout));
  if (manifest.max_memory !== undefined) args.push("--max-memory", String(manifest.max_memory));
  return args;
}

export interface RunPointOptions {
  /** Aborting kills the point; nothing is written for it (it stays to be run). */
  signal?: AbortSignal;
}

/** Runs `point`; resolves with its result once written, or undefined when aborted. */
export async function runPoint(
  dir: string,
  manifest: SweepManifest,
  point: SweepPoint,
  options: RunPointOptions = {},
): Promise<PointResult | undefined> {
  mkdirSync(`${dir}/points`, { recursive: true });
  mkdirSync(`${dir}/logs`, { recursive: true });
  const started = performance.now();
  const log = createWriteStream(logPath(dir, point.id));
  const child = spawn(process.execPath, [TSNB_BIN, ...pointArguments(dir, manifest, point)], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0" },
  });
  let stdout = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.pipe(log);
  const abort = () => child.kill("SIGTERM");
  options.signal?.addEventListener("abort", abort, { once: true });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
    child.on("error", (error) => {
      log.write(`tsnb sweep: could not start tsnb run: ${error.message}\n`);
      resolve([null, null]);
    });
    child.on("close", (c, s) => resolve([c, s]));
  });
  options.signal?.removeEventListener("abort", abort);
  await new Promise((resolve) => log.end(resolve));
  if (options.signal?.aborted) return undefined;
  let summary: unknown;
  try {
    summary = JSON.parse(stdout.trim().split("\n").at(-1) ?? "");
  } catch {
    summary = undefined;
  }
  const result: PointResult = {
    id: point.id,
    index: point.index,
    parameters: point.parameters,
    notebook_hash: manifest.notebook_hash,
    status: summary === undefined ? "failed" : statusOfExit(code),
    exit_code: code,
    signal,
    seconds: Math.round((performance.now() - started) / 10) / 100,
    host: hostname(),
    finished: new Date().toISOString(),
    ...(summary === undefined ? {} : { summary }),
  };
  await writePointResult(dir, result);
  return result;
}
