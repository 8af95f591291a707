// What the published site lets through, in Chromium: a notebook whose markdown carries
// <script> and <img onerror> (sanitised away, while tables, images, details, math and anchors
// stay), whose code imports Observable Plot directly (redrawn like the Plot global), and a
// paper link that is not http(s) (refused when the notebook is read).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { buildSite } from "../../src/site/build.ts";
import { executeNotebook } from "../../src/cli/execute.ts";
import { readNotebook } from "../../src/notebook/read.ts";
import { serveFolder, type StaticServer } from "./static-server.ts";
import { tsnb } from "../cli/tsnb.ts";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const HOSTILE_MARKDOWN = [
  "# Hostile page",
  '<script>window.__pwned = "script"</script>',
  '<img src="missing.png" onerror="window.__pwned = \'onerror\'">',
  '<a href="javascript:window.__pwned = \'link\'" id="bad-link">click</a>',
  "",
  "| a | b |\n|---|---|\n| 1 | 2 |",
  "",
  "<details><summary>More</summary>Hidden <b>text</b></details>",
  "",
  '<img alt="dot" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">',
  "",
  "Euler: $e^{i\\pi} + 1 = 0$ and a [section link](#hostile-page).",
].join("\n");

function notebook(papers: unknown[]) {
  const cells = [
    { cell_type: "markdown", id: "md", metadata: {}, source: HOSTILE_MARKDOWN },
    {
      cell_type: "code",
      id: "plot",
      metadata: {},
      source:
        'import * as Plot from "@observablehq/plot";\nPlot.plot({ marks: [Plot.dot([[1, 2], [3, 4]])] })',
      outputs: [],
      execution_count: null,
    },
  ];
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      tsnb: {
        slug: "hostile",
        title: "Hostile",
        summary: "s",
        seed: 1,
        budget_seconds: 60,
        papers,
      },
    },
    cells,
  };
}

let dir: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tsnb-hostile-site-"));
  const papers = [{ title: "A paper", authors: "A. Author", year: 2024, url: "10.1000/xyz123" }];
  await writeFile(join(dir, "hostile.ipynb"), JSON.stringify(notebook(papers)));
  const build = await buildSite({
    notebooksDir: dir,
    outDir: join(dir, "site"),
    executor: (nb, options) => executeNotebook(nb, options),
    readCache: false,
    allowErrors: false,
    tsnbVersion: "0.1.0",
    lockfileHash: "test",
    nodeVersion: process.version,
    now: () => new Date("2026-01-01T00:00:00Z"),
  });
  expect(build.exitCode).toBe(0);
  server = await serveFolder(join(dir, "site"), "/");
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function open(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(server.url + "hostile/index.html", { waitUntil: "load" });
  return page;
}

describe("a hostile notebook on the built site", () => {
  it("runs no script from markdown, and keeps what notebooks legitimately use", async () => {
    const page = await open();
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();
    await page.locator("#bad-link").click();
    expect(await page.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();
    const cells = page.locator(".cells");
    expect(await cells.locator("script:not(.plot-spec):not([type])").count()).toBe(0);
    expect(await cells.locator("[onerror]").count()).toBe(0);
    expect(await cells.locator("table td").allTextContents()).toEqual(["1", "2"]);
    expect(await cells.locator("details summary", { hasText: "More" }).count()).toBe(1);
    expect(await cells.locator('img[alt="dot"]').count()).toBe(1);
    expect(await cells.locator(".katex").count()).toBeGreaterThan(0);
    expect(await cells.locator('a[href="#hostile-page"]').count()).toBeGreaterThan(0);
    await page.close();
  });

  it("redraws a figure from a direct import of Observable Plot, and links a DOI", async () => {
    const page = await open();
    const figure = page.locator("figure.plot").first();
    await expect.poll(() => figure.getAttribute("data-interactive")).toBe("true");
    expect(await page.locator('a[href="https://doi.org/10.1000/xyz123"]').count()).toBe(1);
    await page.close();
  });

  it("refuses a paper link that is not http(s) or a DOI, naming the field", async () => {
    const file = join(dir, "bad-url.ipynb");
    await writeFile(
      file,
      JSON.stringify(
        notebook([{ title: "P", authors: "A", year: 2024, url: "javascript:alert(1)" }]),
      ),
    );
    await expect(readNotebook(file)).rejects.toThrow(
      'field "metadata.tsnb.papers[0].url": expected an http(s) URL or a DOI',
    );
    const { code, stderr } = await tsnb("run", file);
    expect(code).toBe(2);
    expect(stderr).toContain("metadata.tsnb.papers[0].url");
  });
});
