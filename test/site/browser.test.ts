// End-to-end: the fixture notebooks (already executed) are built into a temp folder, served
// on 127.0.0.1 under a sub-path, and driven with Debian's Chromium through playwright-core
// (launch flags from DESIGN.md). Every request must stay on the loopback origin and the
// console must stay free of errors. Screenshots go to test/artifacts/ for review.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { buildSite, type BuildResult } from "../../src/site/build.ts";
import { storedOutputs } from "../../src/site/execute.ts";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.ts";
import { serveFolder, type StaticServer } from "./static-server.ts";

const FIXTURES = fileURLToPath(new URL("./fixtures/notebooks/", import.meta.url));
const ARTIFACTS = fileURLToPath(new URL("../artifacts/", import.meta.url));

let out: string;
let build: BuildResult;
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
const consoleErrors: string[] = [];
const foreignRequests: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} not found: install Debian's chromium (apt-get install chromium; .ci/run does)`,
    );
  out = await mkdtemp(join(tmpdir(), "tsnb-site-e2e-"));
  build = await buildSite({
    notebooksDir: FIXTURES,
    outDir: join(out, "site"),
    executor: storedOutputs,
    readCache: false,
    allowErrors: false,
    tsnbVersion: "0.1.0",
    lockfileHash: "fixture",
    nodeVersion: process.version,
    now: () => new Date("2026-01-01T00:00:00Z"),
  });
  await mkdir(ARTIFACTS, { recursive: true });
  server = await serveFolder(join(out, "site"), "/reports/");
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Anything not served by our loopback server (or inline data:) is recorded and blocked.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(server.origin + "/") || url.startsWith("data:") || url.startsWith("file://"))
      return route.continue();
    foreignRequests.push(url);
    return route.abort();
  });
  context.on("page", watch);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

function watch(page: Page) {
  page.on("console", (message) => {
    // warnings too: Plot warns when a redraw loses faceting or channels
    if (message.type() === "error" || message.type() === "warning")
      consoleErrors.push(`${page.url()}: ${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
}

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(server.url + path, { waitUntil: "load" });
  return page;
}

describe("site in a browser", () => {
  it("was built from every fixture, with the failing one making the build exit 1", () => {
    expect(build.notebooks.map((n) => n.slug)).toEqual([
      "alpha-scaling",
      "beta-grokking",
      "gamma-emergence",
    ]);
    expect(build.exitCode).toBe(1);
  });

  it("index lists every notebook with its claim status and a thumbnail", async () => {
    const page = await open("index.html");
    const cards = page.locator("li.card");
    await expect.poll(() => cards.count()).toBe(3);
    const status = await cards.locator(".card-status .status").allTextContents();
    expect(status).toEqual(["✓ 2/2", "○ 1/2", "✗ 0/1"]);
    const titles = await cards.locator("h2 a").allTextContents();
    expect(titles).toEqual([
      "Scaling laws for neural language models",
      "Grokking at the edge of numerical stability",
      "Are emergent abilities a mirage?",
    ]);
    const thumbLoaded = await page
      .locator('li.card[data-slug="alpha-scaling"] img.thumb')
      .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
    expect(thumbLoaded).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, "site-index.png"), fullPage: true });
    await page.close();
  });

  it("a notebook page shows math rendered by KaTeX and no raw TeX delimiters", async () => {
    const page = await open("alpha-scaling/index.html");
    expect(await page.locator(".cells .katex").count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator(".cells .katex-display").count()).toBeGreaterThanOrEqual(1);
    const prose = await page.evaluate(() => {
      const copy = document.querySelector(".cells")!.cloneNode(true) as HTMLElement;
      copy.querySelectorAll(".katex, pre, code, svg, script, style").forEach((el) => el.remove());
      return copy.textContent ?? "";
    });
    expect(prose).toContain("Loss falls as a power of model size");
    expect(prose).not.toContain("$");
    // KaTeX's fonts come from the bundled CSS, not a CDN
    const fontLoaded = await page.evaluate(async () => {
      await document.fonts.ready;
      return document.fonts.check("16px KaTeX_Main");
    });
    expect(fontLoaded).toBe(true);
    await page.close();
  });

  it("a chart is redrawn by Observable Plot and shows a tooltip on hover", async () => {
    const page = await open("alpha-scaling/index.html");
    const figure = page.locator("figure.plot").first();
    await expect.poll(() => figure.getAttribute("data-interactive")).toBe("true");
    expect(await figure.getAttribute("aria-label")).toBe("Loss against parameters, log–log");
    await figure.scrollIntoViewIfNeeded();
    // Plot's tip marks exist from the start but stay empty until the pointer is near a point
    const tipText = () =>
      figure
        .locator('g[aria-label="tip"]')
        .evaluateAll((gs) => gs.map((g) => g.textContent ?? "").join(""));
    expect(await tipText()).toBe("");
    const box = (await figure.locator("svg").first().boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.5);
    await expect.poll(tipText).toMatch(/parameters N [0-9,]+.*loss 0\.[0-9]+/);
    await page.screenshot({ path: join(ARTIFACTS, "site-page.png"), fullPage: true });
    await page.close();
  });

  it("redrawn charts keep the build-time figure's structure (facets, one line per series)", async () => {
    const page = await open("beta-grokking/index.html");
    await expect.poll(() => page.locator('figure.plot[data-interactive="true"]').count()).toBe(3);
    const counts = await page.evaluate(async () => {
      const count = (root: ParentNode) =>
        [...root.querySelectorAll("figure.plot")].map((figure) =>
          // points per drawn line: an unfaceted redraw would draw every series in each panel
          [...figure.querySelectorAll('g[aria-label="line"] path')].map(
            (path) => (path.getAttribute("d") ?? "").split(/[ML]/).length - 1,
          ),
        );
      const served = new DOMParser().parseFromString(
        await (await fetch(location.href)).text(),
        "text/html",
      );
      return { live: count(document), built: count(served) };
    });
    expect(counts.built).toEqual([[30, 30], [30, 30], []]);
    expect(counts.live).toEqual(counts.built);
    await page.close();
  });

  it("the scorecard sits at the top and links each claim to the cell that made it", async () => {
    const page = await open("beta-grokking/index.html");
    const rows = page.locator(".scorecard tbody tr");
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).locator(".status").textContent()).toBe("✓ pass");
    expect(await rows.nth(1).locator(".status").textContent()).toBe("○ not reproduced");
    const scorecardTop = await page
      .locator(".scorecard")
      .evaluate((el) => el.getBoundingClientRect().top);
    const firstCellTop = await page
      .locator(".cells .cell")
      .first()
      .evaluate((el) => el.getBoundingClientRect().top);
    expect(scorecardTop).toBeLessThan(firstCellTop);
    await rows.nth(0).locator("a").click();
    expect(new URL(page.url()).hash).toBe("#cell-claims");
    expect(await page.locator("#cell-claims #claim-groks").count()).toBe(1);
    expect(await page.locator("#cell-claims").evaluate((el) => el.matches(":target"))).toBe(true);
    await page.close();
  });

  it("the scorecard and the claim cards show Paper | Here | Bar | Status", async () => {
    const page = await open("beta-grokking/index.html");
    const headers = await page.locator(".scorecard thead th").allTextContents();
    expect(headers).toEqual(["Claim", "Paper", "Here", "Bar", "Status"]);
    const row = (n: number) =>
      page
        .locator(".scorecard tbody tr")
        .nth(n)
        .locator("td")
        .evaluateAll((tds) => tds.slice(1).map((td) => td.textContent));
    expect(await row(0)).toEqual(["≈ 1.0 (Fig. 1)", "0.97", ">= 0.9", "✓ pass"]);
    expect(await row(1)).toEqual([
      "2,000–3,000",
      "float32: 2,500, float64: 2,400",
      "float64 later",
      "○ not reproduced",
    ]);
    const card = page.locator("#claim-groks .claim-figures");
    expect(await card.locator("dt").allTextContents()).toEqual(["Paper", "Here", "Bar", "Status"]);
    expect(await card.locator("dd").allTextContents()).toEqual([
      "≈ 1.0 (Fig. 1)",
      "0.97",
      ">= 0.9",
      "✓ pass",
    ]);
    // a claim without a paper figure shows a dash
    const alpha = await open("alpha-scaling/index.html");
    expect(
      await alpha
        .locator(".scorecard tbody tr")
        .nth(1)
        .locator('td[data-label="Paper"]')
        .textContent(),
    ).toBe("—");
    await alpha.close();
    await page.close();
  });

  it("a not-reproduced claim links to the section that shows its miss as a figure", async () => {
    const page = await open("beta-grokking/index.html");
    const link = page.locator(".scorecard tbody tr").nth(1).locator("a.miss-link");
    expect(await link.textContent()).toBe("See the measured miss");
    await link.click();
    expect(new URL(page.url()).hash).toBe("#not-reproduced-sc-precision");
    const heading = page.locator("#not-reproduced-sc-precision");
    // scrolled into view (the section is the last on the page, so it may not reach the top)
    const top = await heading.evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(900);
    // the section's figure follows its heading, before any other heading
    const figureLabel = await heading.evaluate((h) => {
      const all = [...document.querySelectorAll("h2, h3, h4, figure.plot")];
      const next = all[all.indexOf(h) + 1];
      return next?.matches("figure.plot") ? next.getAttribute("aria-label") : null;
    });
    expect(figureLabel).toBe("Step of Softmax Collapse per dtype");
    await page.close();
  });

  it("the table of contents and the previous/next links work", async () => {
    const page = await open("alpha-scaling/index.html");
    await page.locator('nav.toc a:text("Fitting the exponent")').click();
    expect(new URL(page.url()).hash).toBe("#fitting-the-exponent");
    expect(
      await page.locator("#fitting-the-exponent").evaluate((el) => el.getBoundingClientRect().top),
    ).toBeLessThan(100);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    expect(await page.locator("a[rel=prev]").count()).toBe(0);
    await Promise.all([
      page.waitForURL("**/beta-grokking/index.html"),
      page.locator("a[rel=next]").click(),
    ]);
    expect(await page.locator("h1").textContent()).toBe(
      "Grokking at the edge of numerical stability",
    );
    await Promise.all([
      page.waitForURL("**/alpha-scaling/index.html"),
      page.locator("a[rel=prev]").click(),
    ]);
    await Promise.all([
      page.waitForURL("**/reports/index.html"),
      page.locator(".breadcrumb a").click(),
    ]);
    await page.close();
  });

  it("search finds a word that only another page contains and links to it", async () => {
    const page = await open("alpha-scaling/index.html");
    expect(await page.content()).not.toContain("StableMax");
    await page.locator("#search-input").fill("stablemax");
    const first = page.locator("#search-results a").first();
    await expect
      .poll(() => first.getAttribute("href"))
      .toMatch(/^\.\.\/beta-grokking\/index\.html/);
    await Promise.all([page.waitForURL("**/beta-grokking/index.html*"), first.click()]);
    expect(await page.locator("h1").textContent()).toBe(
      "Grokking at the edge of numerical stability",
    );
    await page.close();
  });

  it("the download link serves the notebook", async () => {
    const page = await open("gamma-emergence/index.html");
    const href = await page.locator("a[download]").getAttribute("href");
    const response = await page.request.get(new URL(href!, page.url()).href);
    expect(response.status()).toBe(200);
    expect((await response.json()).metadata.tsnb.slug).toBe("gamma-emergence");
    expect(await page.locator(".output-error .ansi-red-fg").first().textContent()).toBe(
      "RangeError",
    );
    await page.close();
  });

  it("fits a 360 px screen in dark mode without horizontal scrolling", async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(server.url + "beta-grokking/index.html");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    // the contents list is folded so the page starts with the title, and opens on tap
    const toc = page.locator("details.toc-details");
    expect(await toc.evaluate((d: HTMLDetailsElement) => d.open)).toBe(false);
    await toc.locator("summary").click();
    expect(await toc.evaluate((d: HTMLDetailsElement) => d.open)).toBe(true);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe("rgb(13, 17, 23)");
    await page.screenshot({ path: join(ARTIFACTS, "site-page-360-dark.png"), fullPage: true });
    await page.close();
  });

  it("works from file:// too (relative links, search without fetch)", async () => {
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(out, "site", "index.html")).href);
    await page.locator("#search-input").fill("mirage");
    await expect
      .poll(() => page.locator("#search-results a").first().getAttribute("href"))
      .toMatch(/^\.\/gamma-emergence\/index\.html/);
    await Promise.all([
      page.waitForURL("**/gamma-emergence/index.html*"),
      page.locator("#search-results a").first().click(),
    ]);
    expect(await page.locator(".scorecard").count()).toBe(1);
    await page.close();
  });

  it("made no request outside the loopback origin and logged no console errors", () => {
    expect(foreignRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
