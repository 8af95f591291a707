import { describe, expect, it } from "vitest";
import type { IMimeBundle, IOutput } from "@jupyterlab/nbformat";
import {
  chooseRenderer,
  renderMimeBundle,
  MIME_RENDERERS,
  type MimeContext,
} from "../../src/site/mime.ts";
import { renderOutput } from "../../src/site/cells.ts";
import { CLAIM_MIME, PLOT_MIME } from "../../src/site/mime-types.ts";

const ctx = (): MimeContext => ({ knownFailures: [], usedIds: new Set(), headingShift: 1 });
const svg = '<svg width="10" height="10"><rect width="5" height="5"/></svg>';

describe("MIME priority", () => {
  it("follows the documented order: SVG, HTML, markdown, LaTeX, PNG, JSON, plain", () => {
    const order = MIME_RENDERERS.map((r) => r.mime);
    const expected = [
      "image/svg+xml",
      "text/html",
      "text/markdown",
      "text/latex",
      "image/png",
      "application/json",
      "text/plain",
    ];
    const positions = expected.map((mime) => order.indexOf(mime));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("puts tsnb's claim and plot types before everything else", () => {
    expect(MIME_RENDERERS[0]!.mime).toBe(CLAIM_MIME);
    expect(MIME_RENDERERS[1]!.mime).toBe(PLOT_MIME);
  });

  it("picks SVG over PNG and plain text", () => {
    const bundle: IMimeBundle = {
      "text/plain": "fig",
      "image/png": "iVBORw0KGgo=",
      "image/svg+xml": svg,
    };
    expect(chooseRenderer(bundle)?.mime).toBe("image/svg+xml");
    expect(renderMimeBundle(bundle, ctx())).toContain("<rect");
  });

  it("picks HTML over markdown, and markdown over plain text", () => {
    expect(
      chooseRenderer({ "text/markdown": "*a*", "text/html": "<b>a</b>", "text/plain": "a" })?.mime,
    ).toBe("text/html");
    const html = renderMimeBundle({ "text/markdown": "*a* and $x$", "text/plain": "a" }, ctx());
    expect(html).toContain("<em>a</em>");
    expect(html).toContain("katex");
  });

  it("renders LaTeX output with KaTeX, stripping its $$ delimiters", () => {
    const html = renderMimeBundle({ "text/latex": "$$\\sqrt{2}$$", "text/plain": "sqrt 2" }, ctx());
    expect(html).toContain("katex-display");
    expect(html).not.toContain("$$");
  });

  it("renders PNG as an <img> with alt text and escapes plain text", () => {
    expect(renderMimeBundle({ "image/png": "AAAA\n", "text/plain": "a picture" }, ctx())).toContain(
      '<img class="output-image" alt="a picture" src="data:image/png;base64,AAAA">',
    );
    expect(renderMimeBundle({ "text/plain": "<script>x</script>" }, ctx())).toContain(
      "&lt;script&gt;",
    );
  });

  it("renders a Plot output as its SVG plus the spec the client redraws, with a label", () => {
    const spec = {
      options: { ariaLabel: "Loss </script> curve" },
      marks: [{ type: "lineY", data: [1, 2], options: {} }],
    };
    const html = renderMimeBundle(
      { [PLOT_MIME]: spec as never, "image/svg+xml": svg, "text/plain": "<Plot>" },
      ctx(),
    );
    expect(html).toMatch(/^<figure class="plot" aria-label="Loss &lt;\/script&gt; curve">/);
    expect(html).toContain(
      '<svg width="10" height="10" role="img" aria-label="Loss &lt;/script&gt; curve">',
    );
    const json = /<script type="application\/json" class="plot-spec">(.*?)<\/script>/.exec(
      html,
    )?.[1];
    expect(JSON.parse(json!)).toEqual(spec);
  });

  it("labels a chart without an ariaLabel from its axis labels", () => {
    const spec = {
      version: 1,
      call: "plot",
      options: { x: { label: "steps" }, y: { label: "loss" }, marks: [] },
    };
    const html = renderMimeBundle({ [PLOT_MIME]: spec as never, "image/svg+xml": svg }, ctx());
    expect(html).toContain('<figure class="plot" aria-label="Chart: loss against steps">');
  });

  it("renders a claim output with its status, anchor and known-failure reason", () => {
    const claim = {
      id: "c1",
      text: "It groks",
      source: "Paper, Fig. 1",
      measured: 0.123456,
      expected: 0.9,
      pass: false,
    };
    const failed = renderMimeBundle({ [CLAIM_MIME]: claim as never, "text/plain": "x" }, ctx());
    expect(failed).toContain('id="claim-c1"');
    expect(failed).toContain("✗ fail");
    expect(failed).toContain("0.1235");
    const known = renderMimeBundle(
      { [CLAIM_MIME]: claim as never },
      { ...ctx(), knownFailures: [{ id: "c1", reason: "too slow" }] },
    );
    expect(known).toContain("not reproduced");
    expect(known).toContain("too slow");
  });

  it("anchors a claim shown twice on a page only once", () => {
    const context = ctx();
    const bundle = {
      [CLAIM_MIME]: {
        id: "c1",
        text: "t",
        source: "s",
        measured: 1,
        expected: 1,
        pass: 1 === 1,
      } as never,
    };
    expect(renderMimeBundle(bundle, context)).toContain('id="claim-c1"');
    expect(renderMimeBundle(bundle, context)).not.toContain('id="claim-c1"');
  });

  it("says so when no renderer knows the bundle's types", () => {
    expect(renderMimeBundle({ "application/x-custom": "?" }, ctx())).toContain(
      "application/x-custom has no renderer",
    );
  });
});

describe("stream and error outputs", () => {
  it("converts ANSI colours in tracebacks to classed spans, escaping the text", () => {
    const output = {
      output_type: "error",
      ename: "RangeError",
      evalue: "bad <x>",
      traceback: ["\u001b[31mRangeError\u001b[39m: bad <x>"],
    } as IOutput;
    const html = renderOutput(output, ctx());
    expect(html).toContain('<span class="ansi-red-fg">RangeError</span>');
    expect(html).toContain("bad &lt;x&gt;");
    expect(html).not.toContain("\u001b");
  });

  it("styles stderr apart from stdout", () => {
    expect(
      renderOutput({ output_type: "stream", name: "stderr", text: ["a\n", "b"] } as IOutput, ctx()),
    ).toBe('<pre class="output-stream stream-stderr">a\nb</pre>');
  });
});
