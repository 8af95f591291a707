// `tsnb build-site`: the shell around src/site's pipeline — parses options, wires the
// runner's `executeNotebook` as the executor, reads versions and the lockfile hash, prints
// progress and a summary, and returns the exit code (0 ok, 1 a cell raised, 3 a claim
// failed, 2 bad usage; `--allow-errors` publishes anyway with 0).
import { parseArgs } from "node:util";
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSite } from "../site/build.ts";
import { sha256 } from "../site/cache.ts";
import { storedOutputs, type Executor } from "../site/execute.ts";
import { progressReporter } from "../site/progress.ts";
import { UsageError } from "./usage.ts";

export const BUILD_SITE_HELP = `Usage: tsnb build-site [options]

Executes notebooks/*.ipynb (cached) and renders the static report site.

Options:
  --out DIR          output folder (default site/dist)
  --no-cache         execute every notebook even when a cached run exists
                     (the cache key covers code cells, tags, seed, parameters, tsnb
                     version, package-lock.json, tsnb's own sources under src/ and
                     local files the code names, e.g. "sweep-points/p.ipynb")
  --only SLUG        execute only this notebook; others appear if cached
  --allow-errors     exit 0 even when a cell raises or a claim fails
  --notebooks DIR    folder of .ipynb files (default notebooks)
  --no-execute       render the outputs stored in the notebooks, execute nothing
  -h, --help         show this help

Exit codes: 0 built and everything passed; 1 a cell raised; 3 a claim failed
(claims in metadata.tsnb.known_failures excepted); 2 bad usage or unreadable notebook.
The site is written in every case except 2.`;

const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export async function buildSiteCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: "string", default: "site/dist" },
      "no-cache": { type: "boolean", default: false },
      only: { type: "string" },
      "allow-errors": { type: "boolean", default: false },
      notebooks: { type: "string", default: "notebooks" },
      "no-execute": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(BUILD_SITE_HELP + "\n");
    return 0;
  }
  if (positionals.length > 0)
    throw new UsageError(
      `tsnb build-site: unexpected argument "${positionals[0]}" (see tsnb build-site --help)`,
    );
  const started = performance.now();
  const progress = progressReporter(process.stderr);
  // Ctrl-C / SIGTERM: every notebook finished so far is already in the cache (written as it
  // ends, atomically) and nothing of the site has been written yet; say so and stop.
  let finished = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(
      `\ntsnb build-site: ${signal === "SIGINT" ? "interrupted" : "terminated"}; ${finished} notebook${finished === 1 ? "" : "s"} finished and cached, the site was not written — run it again to continue from there\n`,
    );
    process.exit(130);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const executor: Executor = values["no-execute"] ? storedOutputs : await runnerExecutor();
  const result = await buildSite({
    notebooksDir: resolve(values.notebooks),
    outDir: resolve(values.out),
    executor,
    cacheDir: values["no-execute"] ? undefined : resolve(".tsnb-cache", "site"),
    readCache: !values["no-cache"],
    ...(values.only ? { only: values.only } : {}),
    allowErrors: values["allow-errors"],
    tsnbVersion: await packageVersion(),
    lockfileHash: await lockfileHash(),
    nodeVersion: process.version,
    now: () => new Date(),
    progress: {
      ...progress,
      notebookEnd(...args) {
        finished++;
        progress.notebookEnd(...args);
      },
    },
  }).finally(() => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const stages = Object.entries(result.stageMs)
    .map(([stage, ms]) => `${stage} ${(ms / 1000).toFixed(1)} s`)
    .join(", ");
  process.stderr.write(
    `Built ${result.notebooks.length} notebook page${result.notebooks.length === 1 ? "" : "s"} into ${values.out} in ${seconds} s ` +
      `(${values["no-execute"] ? "stored outputs" : `${result.executed} executed, ${result.cached} cached`}; ${stages})${result.exitCode ? `; exit ${result.exitCode}: ${exitReason(result.exitCode)}` : ""}\n`,
  );
  return result.exitCode;
}

function exitReason(code: number): string {
  return code === 1
    ? "a cell raised (see the page; --allow-errors to publish anyway)"
    : "a claim failed (see the scorecard; --allow-errors to publish anyway)";
}

/** The runner's executor, loaded only when something must execute. */
async function runnerExecutor(): Promise<Executor> {
  const { executeNotebook } = await import("./execute.ts");
  return (notebook, options) => executeNotebook(notebook, options);
}

async function packageVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(join(PROJECT_ROOT, "package.json"), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

/**
 * What the notebooks run on besides their own cells: the locked dependencies and tsnb's own
 * library sources, so a change to `src/` (a fix in the tensor engine, say) re-executes the
 * notebooks instead of publishing stale results.
 */
async function lockfileHash(): Promise<string> {
  const parts: string[] = [];
  try {
    parts.push(sha256(await readFile(join(PROJECT_ROOT, "package-lock.json"))));
  } catch {
    parts.push("no-lockfile");
  }
  const sources = join(PROJECT_ROOT, "src");
  const files = (await readdir(sources, { recursive: true }))
    .filter((file) => /\.(ts|js|mjs)$/.test(file) && !file.startsWith("site"))
    .sort();
  for (const file of files) parts.push(`${file}:${sha256(await readFile(join(sources, file)))}`);
  return sha256(parts.join("\n"));
}
