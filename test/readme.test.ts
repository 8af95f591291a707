// README's code works as written. Every TypeScript/JavaScript block runs as a notebook cell
// (after a cell that defines the data a snippet names, N, D, loss, x and y); every shell line
// either runs here, from the project root as a user would type it, or names the test that
// runs it — so a new README line fails this test until something runs it.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { root, tsnb } from "./cli/tsnb.ts";

const exec = promisify(execFile);
const readme = readFileSync(join(root, "README.md"), "utf8");
const blocks = [...readme.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map(([, lang, body]) => ({
  lang: lang!,
  body: body!,
}));
const shellLines = blocks
  .filter((b) => b.lang === "sh")
  .flatMap((b) => b.body.split("\n"))
  .map((line) => line.replace(/\s+#.*$/, "").trim())
  .filter(Boolean);

/** Lines another test (or CI itself) runs, with where. */
const RUN_ELSEWHERE: Record<string, string> = {
  "npm install && npm run build-site":
    "test/site/build.test.ts (the build-site command) and test/notebooks.test.ts (every notebook)",
  "npm test": ".ci/run runs it on a clean clone",
  "npm run snapshots:update": "test/notebooks.test.ts (the same file, with -u)",
  "npm run bench": "the benchmark files under bench/ (run by hand; never timed in tests)",
  "npm run format": "Prettier (npm run format:check)",
  "npx tsnb run notebooks/inference-scaling.ipynb -p counts=$PWD/samples.csv":
    "test/phenomena/inference-scaling/sample-counts.test.ts (CSV/TSV/JSONL samples)",
  'npx tsnb run notebooks/grokking-softmax-collapse.ipynb -p \'maxSteps={"softmax":2000,"stablemax":2000,"generalise":1000}\'':
    "test/cli/parameters.test.ts (object parameters take JSON)",
};

/** The data README's snippets use without defining (a Chinchilla-like grid and a power law). */
const PRELUDE = `
const N: number[] = [], D: number[] = [], loss: number[] = [];
for (const n of [1e7, 3e7, 1e8, 3e8, 1e9]) for (const d of [1e9, 3e9, 1e10, 3e10]) {
  N.push(n); D.push(d); loss.push(1.7 + 400 / n ** 0.34 + 410 / d ** 0.28);
}
const x = [1, 2, 4, 8, 16, 32];
const y = x.map((v) => 0.5 + 3 * v ** -0.7);`;

function notebookOf(sources: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "tsnb-readme-"));
  const file = join(dir, "readme.ipynb");
  const cells = sources.map((source, i) => ({
    cell_type: "code",
    id: `c${i}`,
    metadata: {},
    source,
    outputs: [],
    execution_count: null,
  }));
  writeFileSync(file, JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells }));
  return file;
}

describe("README", () => {
  it("every TypeScript and JavaScript block runs as written", async () => {
    const snippets = blocks.filter((b) => b.lang === "ts" || b.lang === "js").map((b) => b.body);
    expect(snippets.length).toBeGreaterThan(0);
    // One cell per snippet: a cell that declares a name again rebinds it, as in a notebook.
    const file = notebookOf([PRELUDE, ...snippets]);
    const { code, stdout, stderr } = await tsnb("run", file, "--json");
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout).cells).toBe(snippets.length + 1);
  }, 120_000);

  it("every shell line is run here or by a named test", async () => {
    const here = shellLines.filter((line) => !(line in RUN_ELSEWHERE));
    for (const line of here) expect(line, "a README line nothing runs").toMatch(/^npx tsnb /);
    const work = mkdtempSync(join(tmpdir(), "tsnb-readme-"));
    // `strip` rewrites notebooks and `kernel install --user` writes to $HOME: both get copies.
    cpSync(join(root, "notebooks"), join(work, "notebooks"), { recursive: true });
    const notebooks = readdirSync(join(work, "notebooks"))
      .filter((f) => f.endsWith(".ipynb"))
      .map((f) => join(work, "notebooks", f));
    for (const line of here) {
      const args = splitArgs(line.replace(/^npx tsnb /, "")).flatMap((arg) =>
        arg === "notebooks/*.ipynb" ? notebooks : [arg],
      );
      const result = await exec(process.execPath, [join(root, "bin/tsnb.js"), ...args], {
        cwd: root,
        env: { ...process.env, HOME: work, JUPYTER_DATA_DIR: join(work, "jupyter") },
        maxBuffer: 64 * 1024 * 1024,
      }).then(
        () => ({ code: 0, stderr: "" }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(result.code, `${line}\n${result.stderr}`).toBe(0);
    }
  }, 600_000);
});

/** Shell words of a README line: plain words and single-quoted strings. */
function splitArgs(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map(([, quoted, word]) => quoted ?? word!);
}
