import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { INotebookContent } from "@jupyterlab/nbformat";
import { buildSite, type BuildOptions } from "../../src/site/build.ts";
import { storedOutputs } from "../../src/site/execute.ts";
import { buildSiteCommand } from "../../src/cli/build-site.ts";
import { claimOutput, errorOutput, makeNotebook } from "./notebook-builders.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "tsnb-site-"));
  await mkdir(join(dir, "notebooks"));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

async function write(name: string, nb: INotebookContent) {
  await writeFile(join(dir, "notebooks", `${name}.ipynb`), JSON.stringify(nb));
}

const options = (extra: Partial<BuildOptions> = {}): BuildOptions => ({
  notebooksDir: join(dir, "notebooks"),
  outDir: join(dir, "out"),
  executor: storedOutputs,
  readCache: true,
  allowErrors: false,
  tsnbVersion: "0.1.0",
  lockfileHash: "x",
  nodeVersion: "v20.0.0",
  now: () => new Date("2026-01-01T00:00:00Z"),
  ...extra,
});

describe("buildSite exit codes", () => {
  it("is 0 when every cell ran and every claim passed", async () => {
    await write("a", makeNotebook({ slug: "a", outputs: [[claimOutput("c1", true)]] }));
    expect((await buildSite(options())).exitCode).toBe(0);
  });

  it("is 1 when a cell raised, and the page still shows the error", async () => {
    await write("a", makeNotebook({ slug: "a", outputs: [[errorOutput()]] }));
    expect((await buildSite(options())).exitCode).toBe(1);
    const page = await readFile(join(dir, "out", "a", "index.html"), "utf8");
    expect(page).toContain("Error: boom");
    expect(page).toContain(
      '<strong>A cell raised an error:</strong> <a href="#cell-c0">cell 2</a>',
    );
  });

  it("is 0 when the only error is in a cell tagged raises-exception (nbclient's convention)", async () => {
    const nb = makeNotebook({ slug: "a", outputs: [[errorOutput()]] });
    nb.cells[1]!.metadata = { tags: ["raises-exception"] };
    await write("a", nb);
    expect((await buildSite(options())).exitCode).toBe(0);
    const page = await readFile(join(dir, "out", "a", "index.html"), "utf8");
    expect(page).toContain("Error: boom");
    expect(page).not.toContain("error-notice");
  });

  it("is 3 when a claim failed, and the scorecard shows it", async () => {
    await write("a", makeNotebook({ slug: "a", outputs: [[claimOutput("c1", false)]] }));
    expect((await buildSite(options())).exitCode).toBe(3);
    expect(await readFile(join(dir, "out", "a", "index.html"), "utf8")).toMatch(
      /class="claim-row claim-fail"/,
    );
  });

  it("is 0 when the only failing claim is a documented known failure, shown as not reproduced", async () => {
    await write(
      "a",
      makeNotebook({
        slug: "a",
        outputs: [[claimOutput("c1", false)]],
        knownFailures: [{ id: "c1", reason: "needs a GPU week" }],
      }),
    );
    expect((await buildSite(options())).exitCode).toBe(0);
    const page = await readFile(join(dir, "out", "a", "index.html"), "utf8");
    expect(page).toContain("○ not reproduced");
    expect(page).toContain("needs a GPU week");
  });

  it("is 0 with allowErrors even when cells raised", async () => {
    await write(
      "a",
      makeNotebook({ slug: "a", outputs: [[errorOutput(), claimOutput("c1", false)]] }),
    );
    expect((await buildSite(options({ allowErrors: true }))).exitCode).toBe(0);
  });
});

describe("buildSite output", () => {
  it("writes the index, one page per notebook, downloads, claims.json, search index and assets", async () => {
    await write(
      "b-second",
      makeNotebook({
        slug: "b-second",
        markdown: "# B\n\n## Not reproduced: `c2`",
        outputs: [[claimOutput("c2", false, 1, { paper: "0.9 (Fig. 2)" })]],
        knownFailures: [{ id: "c2", reason: "measured 1, paper 0.9" }],
      }),
    );
    await write("a-first", makeNotebook({ slug: "a-first", outputs: [[claimOutput("c1", true)]] }));
    await buildSite(options());
    const out = join(dir, "out");
    for (const file of [
      "index.html",
      "a-first/index.html",
      "b-second/index.html",
      "a-first/a-first.ipynb",
      "claims.json",
      "assets/search-index.js",
      "assets/style.css",
      "assets/site.js",
      "assets/plot.umd.min.js",
      "assets/d3.min.js",
      "assets/minisearch.js",
      "assets/katex/katex.min.css",
      "assets/katex/fonts/KaTeX_Main-Regular.woff2",
    ]) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    const claims = JSON.parse(await readFile(join(out, "claims.json"), "utf8"));
    expect(claims.notebooks.map((n: { slug: string }) => n.slug)).toEqual(["a-first", "b-second"]);
    expect(claims.notebooks[1].claims[0]).toMatchObject({
      id: "c2",
      status: "not-reproduced",
      paper: "0.9 (Fig. 2)",
      expected: 1,
      url: "b-second/index.html#cell-c0",
      miss_url: "b-second/index.html#not-reproduced-c2",
    });
    expect(claims.notebooks[0].claims[0]).toMatchObject({ id: "c1", paper: null });
    const download = JSON.parse(await readFile(join(out, "a-first", "a-first.ipynb"), "utf8"));
    expect(download.cells[1].outputs).toEqual([]);
  });

  it("uses only relative links (works from file:// and any sub-path)", async () => {
    await write("a", makeNotebook({ slug: "a", outputs: [[claimOutput("c1", true)]] }));
    await write("b", makeNotebook({ slug: "b", outputs: [[]] }));
    await buildSite(options());
    for (const file of ["index.html", "a/index.html", "b/index.html"]) {
      const html = await readFile(join(dir, "out", file), "utf8");
      const urls = [...html.matchAll(/\b(?:href|src)="([^"]*)"/g)].map((m) => m[1]!);
      expect(urls.length).toBeGreaterThan(3);
      for (const url of urls)
        expect(url, `${file}: ${url}`).toMatch(
          /^(\.\.?\/|#|[a-z0-9-]+\/|[a-z0-9-]+\.(ipynb|json|html)$|data:)/,
        );
    }
    const page = await readFile(join(dir, "out", "a", "index.html"), "utf8");
    expect(page).toContain('rel="next" href="../b/index.html"');
    expect(page).toContain('href="a.ipynb" download');
  });

  it("renders the scorecard before the cells and links each claim to its cell", async () => {
    await write("a", makeNotebook({ slug: "a", outputs: [[claimOutput("c1", true)]] }));
    await buildSite(options());
    const page = await readFile(join(dir, "out", "a", "index.html"), "utf8");
    expect(page.indexOf('class="scorecard"')).toBeLessThan(page.indexOf('class="cells"'));
    expect(page).toContain('<a href="#cell-c0">claim c1</a>');
    expect(page).toContain('id="cell-c0"');
  });

  it("refuses to replace a non-empty folder it did not make", async () => {
    await mkdir(join(dir, "out"));
    await writeFile(join(dir, "out", "precious.txt"), "keep me");
    await write("a", makeNotebook({ slug: "a", outputs: [[]] }));
    await expect(buildSite(options())).rejects.toThrow(/refusing to replace/);
    expect(await readdir(join(dir, "out"))).toEqual(["precious.txt"]);
  });

  it("replaces its own previous output", async () => {
    await write("a", makeNotebook({ slug: "a", outputs: [[]] }));
    await buildSite(options());
    await rm(join(dir, "notebooks", "a.ipynb"));
    await write("b", makeNotebook({ slug: "b", outputs: [[]] }));
    await buildSite(options());
    expect(existsSync(join(dir, "out", "a"))).toBe(false);
    expect(existsSync(join(dir, "out", "b", "index.html"))).toBe(true);
  });

  it("stops with the notebook layer's error on a notebook that is not valid JSON", async () => {
    await writeFile(join(dir, "notebooks", "bad.ipynb"), "{ nope");
    await expect(buildSite(options())).rejects.toMatchObject({
      name: "NotebookError",
      file: join(dir, "notebooks", "bad.ipynb"),
    });
  });

  it("rejects duplicate slugs and an unknown --only slug", async () => {
    await write("a", makeNotebook({ slug: "same" }));
    await write("b", makeNotebook({ slug: "same" }));
    await expect(buildSite(options())).rejects.toThrow(/slug "same" is also used/);
    await rm(join(dir, "notebooks", "b.ipynb"));
    await expect(buildSite(options({ only: "nope" }))).rejects.toThrow(/--only nope/);
  });
});

describe("buildSite with a cache", () => {
  it("--only executes one notebook and shows the others only if cached", async () => {
    await write("a", makeNotebook({ slug: "a" }));
    await write("b", makeNotebook({ slug: "b" }));
    const ran: string[] = [];
    const executor: BuildOptions["executor"] = async (notebook, { file }) => {
      ran.push(file.replace(/.*\//, ""));
      return storedOutputs(notebook, { file });
    };
    const cacheDir = join(dir, "cache");
    const first = await buildSite(options({ executor, cacheDir }));
    expect([first.executed, first.cached]).toEqual([2, 0]);
    const warm = await buildSite(options({ executor, cacheDir }));
    expect([warm.executed, warm.cached]).toEqual([0, 2]);
    await write("c", makeNotebook({ slug: "c" }));
    const only = await buildSite(options({ executor, cacheDir, only: "a", readCache: false }));
    expect(only.notebooks.map((n) => [n.slug, n.cached])).toEqual([
      ["a", false],
      ["b", true],
    ]);
    expect(ran).toEqual(["a.ipynb", "b.ipynb", "a.ipynb"]);
    expect(existsSync(join(dir, "out", "c"))).toBe(false);
  });
});

describe("tsnb build-site command", () => {
  it("builds stored outputs with --no-execute and returns the build's exit code", async () => {
    await write("a", makeNotebook({ slug: "a", outputs: [[claimOutput("c1", false)]] }));
    const args = [
      "--notebooks",
      join(dir, "notebooks"),
      "--out",
      join(dir, "cli-out"),
      "--no-execute",
    ];
    const stderr = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      expect(await buildSiteCommand(args)).toBe(3);
      expect(await buildSiteCommand([...args, "--allow-errors"])).toBe(0);
    } finally {
      process.stderr.write = stderr;
    }
    expect(existsSync(join(dir, "cli-out", "a", "index.html"))).toBe(true);
  });

  it("rejects stray arguments and unknown options as usage errors", async () => {
    await expect(buildSiteCommand(["extra"])).rejects.toThrow(/unexpected argument/);
    await expect(buildSiteCommand(["--bogus"])).rejects.toMatchObject({
      code: "ERR_PARSE_ARGS_UNKNOWN_OPTION",
    });
  });
});
