import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { renderNotebookPage, type PageInput } from "../../src/site/page.ts";
import { notebookInfo, shortCitation } from "../../src/site/metadata.ts";
import { formatValue } from "../../src/site/scorecard.ts";
import { claimOutput, makeNotebook } from "./notebook-builders.ts";

const template = readFileSync(new URL("../../site/templates/layout.html", import.meta.url), "utf8");

function input(markdown: string): PageInput {
  const notebook = makeNotebook({
    slug: "a",
    markdown,
    outputs: [[claimOutput("c1", true, [1, 2, 3, 4, 5, 6, 7, 8])]],
  });
  return {
    info: notebookInfo(notebook, "a"),
    notebook,
    template,
    next: { slug: "b", title: "B" },
    provenance: {
      tsnbVersion: "0.1.0",
      nodeVersion: "v20.1.0",
      buildDate: "2026-01-02T00:00:00.000Z",
      executedAt: "2026-01-01T00:00:00.000Z",
      seconds: 12.34,
      cached: false,
      cacheKey: "abcdef0123456789",
    },
  };
}

describe("renderNotebookPage", () => {
  it("drops a first heading that repeats the page title, keeping one <h1>", () => {
    const { html, headings } = renderNotebookPage(input("# Title a\n\nIntro.\n\n## Method"));
    expect(html.match(/<h1\b/g)).toHaveLength(1);
    expect(headings.map((h) => h.text)).toEqual(["Method"]);
    expect(html).toContain("<p>Intro.</p>");
  });

  it("keeps a first heading that says something else, demoted under the title", () => {
    const { html } = renderNotebookPage(input("# Background\n\nText"));
    expect(html).toContain('<h2 id="background">Background<a class="heading-anchor"');
  });

  it("lists the scorecard and the sections in the table of contents", () => {
    const { html } = renderNotebookPage(input("## Method\n\n### Detail"));
    const toc = /<nav class="toc"[\s\S]*?<\/nav>/.exec(html)![0];
    expect([...toc.matchAll(/href="#([^"]+)"/g)].map((m) => m[1])).toEqual([
      "scorecard-title",
      "method",
      "detail",
    ]);
  });

  it("writes the provenance footer: tsnb and Node versions, seed, dates, run time", () => {
    const { html } = renderNotebookPage(input("text"));
    const footer = /<footer class="site-footer">([\s\S]*?)<\/footer>/.exec(html)![1]!;
    for (const part of [
      "0.1.0",
      "v20.1.0",
      "<dt>seed</dt><dd>1</dd>",
      "2026-01-01T00:00:00.000Z in 12.3 s",
      "2026-01-02T00:00:00.000Z",
      "abcdef012345",
    ])
      expect(footer).toContain(part);
  });

  it("has a next link and no previous link on the first page", () => {
    const { html } = renderNotebookPage(input("text"));
    expect(html).toContain('rel="next" href="../b/index.html"');
    expect(html).not.toContain('rel="prev"');
  });

  it("shows the parameters cell's declarations and the command that changes them", () => {
    const page = input("text");
    expect(renderNotebookPage(page).html).not.toContain('class="parameters"');
    page.notebook.cells.unshift({
      cell_type: "code",
      metadata: { tags: ["parameters"] },
      source: '// Seed of <everything>.\nconst seed = 1;\nconst label = "a&b";',
      outputs: [],
      execution_count: null,
    });
    const html = renderNotebookPage(page).html;
    expect(html).toContain("Parameters (2): re-run this page with other values");
    expect(html).toContain(
      '<tr><th scope="row"><code>seed</code></th><td><code>1</code></td><td>Seed of &lt;everything&gt;.</td></tr>',
    );
    expect(html).toContain("<code>&quot;a&amp;b&quot;</code>");
    expect(html).toContain("npx tsnb run a.ipynb -p seed=VALUE -o out.ipynb");
  });

  it("loads Plot only on pages with charts", () => {
    expect(renderNotebookPage(input("text")).html).not.toContain("plot.umd.min.js");
  });
});

describe("formatValue", () => {
  it("keeps numbers to 4 significant digits and shortens long lists", () => {
    expect(formatValue(0.123456)).toBe("0.1235");
    expect(formatValue(1234567.8)).toBe("1.235e+6");
    expect(formatValue(12000)).toBe("12,000");
    expect(formatValue([1, 2, 3, 4, 5, 6, 7, 8])).toBe("[1, 2, 3, …, 7, 8] (8 values)");
    expect(formatValue({ float32: 2500, float64: 2400 }, "steps")).toBe(
      "float32: 2,500, float64: 2,400 steps",
    );
    expect(formatValue(undefined)).toBe("—");
    expect(formatValue({ logp: "> 0.9", alpha: "0.34 ± 0.03" })).toBe(
      "logp > 0.9, alpha: 0.34 ± 0.03",
    );
  });
});

describe("rendered page golden file", () => {
  it("matches test/site/golden/alpha-scaling.html.golden (review diffs; regenerate with vitest -u)", async () => {
    const notebook = JSON.parse(
      readFileSync(new URL("./fixtures/notebooks/alpha-scaling.ipynb", import.meta.url), "utf8"),
    );
    const { html } = renderNotebookPage({
      info: notebookInfo(notebook, "alpha-scaling"),
      notebook,
      template,
      next: { slug: "beta-grokking", title: "Grokking at the edge of numerical stability" },
      provenance: {
        tsnbVersion: "0.1.0",
        nodeVersion: "v20.0.0",
        buildDate: "2026-01-02T00:00:00.000Z",
        executedAt: "2026-01-01T00:00:00.000Z",
        seconds: 1.5,
        cached: false,
      },
    });
    await expect(html).toMatchFileSnapshot("./golden/alpha-scaling.html.golden");
  });
});

describe("shortCitation", () => {
  it("names one or two authors, else the first et al., keeping a given 'et al.' form", () => {
    const cite = (authors: string | string[]) => shortCitation({ title: "t", authors, year: 2024 });
    expect(cite("Lucas Prieto, Melih Barsbey, Tolga Birdal")).toBe("Prieto et al. (2024)");
    expect(cite(["Jared Kaplan", "Sam McCandlish"])).toBe("Kaplan & McCandlish (2024)");
    expect(cite("Chen et al.")).toBe("Chen et al. (2024)");
    expect(cite("Srivastava et al. (BIG-bench)")).toBe("Srivastava et al. (BIG-bench) (2024)");
    expect(cite("Hoffmann, Borgeaud, et al.")).toBe("Hoffmann et al. (2024)");
  });
});
