import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { renderMarkdown } from "../../src/site/markdown.ts";
import { renderTex } from "../../src/site/math.ts";

describe("renderMarkdown: math", () => {
  it("renders inline $…$ with KaTeX at build time, leaving no dollar signs", () => {
    const { html } = renderMarkdown("Loss is $L = aN^{-\\alpha}$ here.");
    expect(html).toContain('class="katex"');
    expect(html).toContain("<math");
    expect(html).not.toContain("$");
    expect(html).not.toContain("katex-display");
  });

  it("renders a $$ block spanning lines as display math", () => {
    const { html } = renderMarkdown("Before\n\n$$\n\\int_0^1 x\\,dx = \\frac12\n$$\n\nAfter");
    expect(html).toContain('<div class="math-display"><span class="katex-display">');
    expect(html).toContain("<p>After</p>");
    expect(html).not.toContain("$$");
  });

  it("renders $$…$$ inside a paragraph as display math", () => {
    expect(renderMarkdown("so $$E = mc^2$$ holds").html).toContain("katex-display");
  });

  it("leaves currency amounts as text (Pandoc's delimiter rules)", () => {
    const { html } = renderMarkdown("It costs $5 and $6 per run.");
    expect(html).toBe("<p>It costs $5 and $6 per run.</p>\n");
  });

  it("keeps an escaped dollar as a literal dollar", () => {
    expect(renderMarkdown("price \\$3").html).toBe("<p>price $3</p>\n");
  });

  it("shows a TeX error in place instead of failing the build", () => {
    expect(renderTex("\\frac{1}{", false)).toContain("katex-error");
  });

  it("does not treat math content as markdown (underscores stay subscripts)", () => {
    const { html } = renderMarkdown("$a_i b_j$");
    expect(html).not.toContain("<em>");
  });
});

describe("renderMarkdown: headings and text", () => {
  it("gives headings unique ids and reports them for the table of contents", () => {
    const used = new Set<string>();
    const first = renderMarkdown("## Results\n\n## Results", used);
    expect(first.headings.map((h) => h.id)).toEqual(["results", "results-2"]);
    expect(first.html).toContain('<h2 id="results">');
    expect(renderMarkdown("### Results", used).headings[0]!.id).toBe("results-3");
  });

  it("demotes headings under the page title when asked", () => {
    const { html, headings } = renderMarkdown("# Title\n\n## Part", new Set(), 1);
    expect(html).toContain('<h2 id="title">Title<a class="heading-anchor" href="#title"');
    expect(html).toContain('<h3 id="part">Part<a class="heading-anchor" href="#part"');
    expect(html).toMatch(/#<\/a><\/h3>\n$/);
    expect(headings.map((h) => h.level)).toEqual([2, 3]);
  });

  it("highlights fenced TypeScript at build time", () => {
    const { html } = renderMarkdown("```ts\nconst x = 1;\n```");
    expect(html).toContain('<span class="hljs-keyword">const</span>');
  });

  it("renders GFM tables and returns plain text for search", () => {
    const result = renderMarkdown("Some *words* here\n\n| a | b |\n|---|---|\n| 1 | 2 |");
    expect(result.html).toContain("<table>");
    expect(result.text).toContain("Some words here");
  });
});

describe("renderMarkdown: any input", () => {
  it("never throws, and every inline $x$ with a TeX-safe body becomes KaTeX", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        renderMarkdown(text);
      }),
      { seed: 8, numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9+= ]{0,20}[a-z0-9]$/), (tex) => {
        const { html } = renderMarkdown(`before $${tex}$ after`);
        expect(html).toContain('class="katex"');
        expect(html).not.toContain("$");
      }),
      { seed: 8, numRuns: 200 },
    );
  });
});
