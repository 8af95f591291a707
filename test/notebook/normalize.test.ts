import { tmpdir, homedir } from "node:os";
import * as Plot from "@observablehq/plot";
import { JSDOM } from "jsdom";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { canonicalizeSvg, roundCoordinate } from "../../src/notebook/canonical-svg.ts";
import { normalizeNotebook, normalizeOutputs } from "../../src/notebook/normalize.ts";
import type { IOutput, Notebook } from "../../src/notebook/types.ts";

const linkedom = parseHTML("<!doctype html><html><body></body></html>")
  .document as unknown as Document;
const jsdom = new JSDOM("").window.document;

function chart(document: Document, jitter = 0): string {
  const data = Array.from({ length: 40 }, (_, i) => ({
    x: i / 3 + jitter,
    y: Math.sin(i / 5) + jitter,
    c: i % 2 ? "odd" : "even",
  }));
  const figure = Plot.plot({
    document,
    color: { legend: true },
    x: { domain: [0, 14] },
    y: { domain: [-1.5, 1.5] },
    marks: [
      Plot.areaY(data, { x: "x", y: "y", clip: true, fillOpacity: 0.2 }),
      Plot.dot(data, { x: "x", y: "y", fill: "c" }),
    ],
  });
  return (figure as unknown as Element).outerHTML;
}

const display = (svg: string): IOutput => ({
  output_type: "display_data",
  data: { "image/svg+xml": svg },
  metadata: {},
});

describe("canonicalizeSvg on real Plot output", () => {
  it("gives the same text for two renders whose generated clip ids differ", () => {
    const first = chart(linkedom);
    const second = chart(linkedom);
    expect(first).not.toBe(second); // Plot's global clip counter moved on
    expect(first).toMatch(/plot-clip-\d+/);
    expect(canonicalizeSvg(first)).toBe(canonicalizeSvg(second));
    expect(canonicalizeSvg(first)).toContain('clip-path="url(#id-1)"');
    expect(canonicalizeSvg(first)).not.toMatch(/plot-[0-9a-f]{6}/);
  });

  it("absorbs float noise below the rounding precision but not a real change", () => {
    const base = canonicalizeSvg(chart(linkedom));
    expect(canonicalizeSvg(chart(linkedom, 1e-9))).toBe(base);
    expect(canonicalizeSvg(chart(linkedom, 0.5))).not.toBe(base);
  });

  it("gives the same text for jsdom and linkedom (attribute order, empty elements)", () => {
    const fromJsdom = chart(jsdom);
    const fromLinkedom = chart(linkedom);
    expect(fromJsdom).not.toBe(fromLinkedom);
    expect(canonicalizeSvg(fromJsdom)).toBe(canonicalizeSvg(fromLinkedom));
  });

  it("renumbers only real id attributes", () => {
    const svg =
      '<svg><g data-id="keep" id="plot-clip-9"/><use href="#plot-clip-9"/><text>#keep</text></svg>';
    expect(canonicalizeSvg(svg)).toBe(
      '<svg><g data-id="keep" id="id-1"/><use href="#id-1"/><text>#keep</text></svg>',
    );
  });

  it("is idempotent", () => {
    const once = canonicalizeSvg(chart(linkedom));
    expect(canonicalizeSvg(once)).toBe(once);
  });

  it("rounds coordinates to 2 decimals without negative zero", () => {
    expect(roundCoordinate("359.2771908694008")).toBe("359.28");
    expect(roundCoordinate("-0.001")).toBe("0");
    expect(roundCoordinate("2.50")).toBe("2.5");
    expect(canonicalizeSvg('<path d="M0.123,4.5678L-6.001,0" id="a"></path><use href="#a"/>')).toBe(
      '<path d="M0.12,4.57L-6,0" id="id-1"/><use href="#id-1"/>',
    );
  });
});

describe("normalizeOutputs", () => {
  it("replaces timings, dates, temp/home/repo paths, and drops transient", () => {
    const repo = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");
    const outputs: IOutput[] = [
      {
        output_type: "stream",
        name: "stdout",
        text: ["trained in 12.3 s (45 ms/step), 300 it/s\n", `at ${new Date(0).toISOString()}\n`],
      },
      {
        output_type: "display_data",
        data: {
          "text/plain": `${repo}/notebooks/a.ipynb ${tmpdir()}/tsnb-x81kq2/out.txt ${homedir()}/.cache`,
        },
        metadata: {},
        transient: { display_id: "p1" },
      },
      {
        output_type: "error",
        ename: "Error",
        evalue: "boom",
        traceback: [`    at cell (${repo}/src/x.ts:3:5)`],
      },
    ];
    const [stream, data, error] = normalizeOutputs(outputs);
    expect(stream).toEqual({
      output_type: "stream",
      name: "stdout",
      text: "trained in <time> (<time>/step), <rate>\nat <date>\n",
    });
    expect(data).toEqual({
      output_type: "display_data",
      data: { "text/plain": "<repo>/notebooks/a.ipynb <tmp>/out.txt <home>/.cache" },
      metadata: {},
    });
    expect(error).toMatchObject({ traceback: ["    at cell (<repo>/src/x.ts:3:5)"] });
  });

  it("keeps data that only looks like a unit or a date", () => {
    const [out] = normalizeOutputs([
      {
        output_type: "stream",
        name: "stdout",
        text: "500 samples, 3 steps, published 2024-03-01, 10 seeds\n",
      },
    ]);
    expect(out).toMatchObject({ text: "500 samples, 3 steps, published 2024-03-01, 10 seeds\n" });
  });

  it("rounds float noise in JSON payloads and drops volatile metadata keys", () => {
    const [out] = normalizeOutputs([
      {
        output_type: "display_data",
        data: {
          "application/vnd.tsnb.claim+json": {
            measured: 0.30000000000000004,
            n: 3,
            note: "took 2 s",
          },
        },
        metadata: { tsnb: { timing: { ms: 5 }, kept: 0.30000000000000004 } },
      },
    ]);
    expect(out).toEqual({
      output_type: "display_data",
      data: { "application/vnd.tsnb.claim+json": { measured: 0.3, n: 3, note: "took <time>" } },
      metadata: { tsnb: { kept: 0.30000000000000004 } },
    });
  });

  it("digests long arrays in JSON payloads: small snapshots that still change with the data", () => {
    const spec = (jitter: number, bump = 0) =>
      ({
        output_type: "display_data",
        data: {
          "application/vnd.tsnb.plot+json": {
            marks: [
              {
                $plot: "boxX",
                args: [
                  Array.from({ length: 500 }, (_, i) => ({
                    r: (i / 7) * (1 + jitter) + (i === 250 ? bump : 0),
                  })),
                ],
              },
            ],
          },
        },
        metadata: {},
      }) as IOutput;
    const digest = { digestArraysOver: 100 };
    const [base] = normalizeOutputs([spec(0)], digest);
    const rows = (base as unknown as { data: Record<string, { marks: { args: unknown[] }[] }> })
      .data["application/vnd.tsnb.plot+json"]!.marks[0]!.args[0];
    expect(rows).toMatchObject({
      $digest: expect.stringMatching(/^sha256:[0-9a-f]{16}$/),
      length: 500,
      head: [{ r: 0 }, { r: 0.142857 }, { r: 0.285714 }],
    });
    expect(normalizeOutputs([spec(1e-12)], digest)).toEqual([base]);
    expect(normalizeOutputs([spec(0, 0.01)], digest)).not.toEqual([base]);
    expect(normalizeOutputs([base!], digest)).toEqual([base]);
    const [kept] = normalizeOutputs([spec(0)]);
    expect(JSON.stringify(kept)).not.toContain("$digest");
  });

  it("canonicalises SVG inside image/svg+xml and text/html, equal across generated ids", () => {
    const a = normalizeOutputs([display(chart(linkedom))]);
    const b = normalizeOutputs([display(chart(linkedom))]);
    expect(a).toEqual(b);
    expect(JSON.stringify(a)).not.toMatch(/plot-clip-\d/);
  });

  it("is deterministic and idempotent", () => {
    const outputs = [
      display(chart(linkedom)),
      { output_type: "stream", name: "stderr", text: "done in 3.2 s" } as IOutput,
    ];
    const once = normalizeOutputs(outputs);
    expect(normalizeOutputs(once)).toEqual(once);
  });

  it("applies extra path placeholders first", () => {
    const [out] = normalizeOutputs(
      [{ output_type: "stream", name: "stdout", text: "/srv/run-7/x.json" }],
      { paths: { "/srv/run-7": "<out>" } },
    );
    expect(out).toMatchObject({ text: "<out>/x.json" });
  });
});

describe("normalizeNotebook", () => {
  it("normalises code cell outputs and drops volatile cell and notebook metadata", () => {
    const nb: Notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { tsnb: { slug: "s", timing: { seconds: 3 } } },
      cells: [
        { cell_type: "markdown", id: "m", metadata: {}, source: "took 3 s" },
        {
          cell_type: "code",
          id: "c",
          metadata: { execution: { "iopub.execute_input": "2026-01-01T00:00:00Z" }, tags: ["x"] },
          source: "",
          execution_count: 1,
          outputs: [{ output_type: "stream", name: "stdout", text: "12 ms" }],
        },
      ],
    };
    const out = normalizeNotebook(nb);
    expect(out.metadata).toEqual({ tsnb: { slug: "s" } });
    expect(out.cells[0]).toEqual(nb.cells[0]);
    expect(out.cells[1]).toEqual({
      cell_type: "code",
      id: "c",
      metadata: { tags: ["x"] },
      source: "",
      execution_count: 1,
      outputs: [{ output_type: "stream", name: "stdout", text: "<time>" }],
    });
    expect(nb.cells[1]!.metadata).toHaveProperty("execution");
  });
});
