// Site benchmarks (issue 8 targets: warm build < 3 s for 10 notebooks, render < 100 ms per
// page). Cases: cold build (every notebook in notebooks/ executed, through the CLI in a fresh
// process), warm build (same, all cached), warm build of 10 notebooks (the executed ones
// copied to 10 slugs, cache pre-filled), and per-page render time, with `jupyter nbconvert
// --to html` of the same executed notebook as a reference (its time includes Python start).
// Set TSNB_SITE_BENCH_COLD=0 to skip the cold build (it runs every reproduction notebook).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { INotebookContent } from "@jupyterlab/nbformat";
import { buildSite } from "../src/site/build.ts";
import { sha256, type CacheEntry } from "../src/site/cache.ts";
import { storedOutputs, type ExecutedNotebook } from "../src/site/execute.ts";
import { renderSite } from "../src/site/render.ts";

const root = fileURLToPath(new URL("../", import.meta.url));
const cli = join(root, "bin", "tsnb.js");
const work = await mkdtemp(join(tmpdir(), "tsnb-site-bench-"));
const version = (
  JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { version: string }
).version;
const lockfileHash = sha256(await readFile(join(root, "package-lock.json")));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function report(
  name: string,
  metric: string,
  value: number,
  unit: string,
  extra: Record<string, unknown> = {},
): void {
  const line = {
    bench: "site",
    case: name,
    metric,
    value: Math.round(value * 1000) / 1000,
    unit,
    ...extra,
  };
  console.log(JSON.stringify(line));
  const note = Object.entries(extra)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
  process.stderr.write(
    `site  ${name.padEnd(26)} ${metric.padEnd(7)} ${value.toFixed(3).padStart(10)} ${unit}  ${note}\n`,
  );
}

/** `tsnb build-site` in a fresh process (module loading included), cwd = `cwd` (its cache lives there). */
function timeCli(cwd: string, args: string[]): { seconds: number; status: number | null } {
  const start = performance.now();
  const result = spawnSync(process.execPath, [cli, "build-site", ...args], {
    cwd,
    encoding: "utf8",
  });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0 && result.status !== 1 && result.status !== 3)
    throw new Error(`build-site failed (${result.status}): ${result.stderr}`);
  return { seconds, status: result.status };
}

try {
  // 1. cold and warm builds of the real notebooks
  const notebooksDir = join(root, "notebooks");
  const realCount = (await readdir(notebooksDir)).filter((f) => f.endsWith(".ipynb")).length;
  const realCwd = join(work, "real");
  await mkdir(realCwd);
  if (process.env.TSNB_SITE_BENCH_COLD !== "0") {
    const cold = timeCli(realCwd, [
      "--notebooks",
      notebooksDir,
      "--out",
      join(realCwd, "out"),
      "--no-cache",
    ]);
    report("cold-build", "time", cold.seconds, "s", { notebooks: realCount, exit: cold.status });
    const warm = [1, 2, 3].map(
      () => timeCli(realCwd, ["--notebooks", notebooksDir, "--out", join(realCwd, "out")]).seconds,
    );
    report("warm-build", "median", median(warm), "s", { notebooks: realCount });
  }

  // 2. ten executed notebooks: the real ones from a cache, else the fixtures
  // (with the cold build skipped: the project's own cache, filled by `npm run build-site`)
  const benchCache = join(realCwd, ".tsnb-cache", "site");
  const cacheDir = existsSync(benchCache) ? benchCache : join(root, ".tsnb-cache", "site");
  const executed: INotebookContent[] = [];
  if (existsSync(cacheDir)) {
    for (const name of await readdir(cacheDir))
      executed.push(
        (JSON.parse(await readFile(join(cacheDir, name), "utf8")) as CacheEntry).notebook,
      );
  }
  const source = executed.length > 0 ? "notebooks" : "fixtures";
  if (executed.length === 0) {
    const fixtures = join(root, "test", "site", "fixtures", "notebooks");
    for (const name of (await readdir(fixtures)).sort())
      executed.push(JSON.parse(await readFile(join(fixtures, name), "utf8")));
  }
  const tenCwd = join(work, "ten");
  const tenNotebooks = join(tenCwd, "notebooks");
  await mkdir(tenNotebooks, { recursive: true });
  for (let i = 0; i < 10; i++) {
    const nb = structuredClone(executed[i % executed.length]!);
    const tsnb = (nb.metadata.tsnb ?? {}) as Record<string, unknown>;
    nb.metadata.tsnb = {
      ...tsnb,
      slug: `nb-${String(i).padStart(2, "0")}`,
      title: `${String(tsnb.title ?? "notebook")} (${i})`,
    };
    await writeFile(
      join(tenNotebooks, `nb-${String(i).padStart(2, "0")}.ipynb`),
      JSON.stringify(nb),
    );
  }
  // fill the cache the way the CLI keys it (same version and lockfile), executing nothing
  const common = {
    notebooksDir: tenNotebooks,
    executor: storedOutputs,
    allowErrors: true,
    tsnbVersion: version,
    lockfileHash,
    nodeVersion: process.version,
    now: () => new Date(),
  };
  const filled = await buildSite({
    ...common,
    outDir: join(tenCwd, "prefill"),
    cacheDir: join(tenCwd, ".tsnb-cache", "site"),
    readCache: false,
  });
  const warm10 = [1, 2, 3].map(
    () =>
      timeCli(tenCwd, ["--notebooks", tenNotebooks, "--out", join(tenCwd, "out"), "--allow-errors"])
        .seconds,
  );
  report("warm-build-10", "median", median(warm10), "s", { notebooks: 10, source, target: 3 });

  // 3. per-page render (pure stage, in process), median over repeats
  const template = await readFile(join(root, "site", "templates", "layout.html"), "utf8");
  const pages: ExecutedNotebook[] = filled.notebooks;
  const perPage = new Map<string, number[]>();
  for (let r = 0; r < 7; r++) {
    const site = renderSite(
      pages,
      {
        template,
        tsnbVersion: version,
        nodeVersion: process.version,
        buildDate: new Date().toISOString(),
      },
      () => performance.now(),
    );
    for (const { slug, ms } of site.pageMs) perPage.set(slug, [...(perPage.get(slug) ?? []), ms]);
  }
  const medians = [...perPage.values()].map(median);
  report("render-page", "median", median(medians), "ms", { pages: medians.length, target: 100 });
  report("render-page", "max", Math.max(...medians), "ms", { pages: medians.length, target: 100 });

  // 4. reference: nbconvert's HTML export of the first executed notebook (one process per page)
  const nbconvert = "/usr/bin/jupyter-nbconvert";
  if (existsSync(nbconvert)) {
    const file = join(work, "reference.ipynb");
    await writeFile(file, JSON.stringify(executed[0]));
    const ours = median(perPage.get("nb-00") ?? [0]);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      execFileSync(nbconvert, ["--to", "html", "--output-dir", work, file], { stdio: "ignore" });
      times.push(performance.now() - start);
    }
    const theirs = median(times);
    report("render-page-vs-nbconvert", "median", ours, "ms", {
      baseline: "nbconvert-html",
      baseline_value: Math.round(theirs),
      ratio: Math.round((ours / theirs) * 1000) / 1000,
    });
  }
  process.stderr.write(
    "(timings on a shared 2-core machine; nbconvert's figure includes Python start-up)\n",
  );
} finally {
  await rm(work, { recursive: true, force: true });
}
