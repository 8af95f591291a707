import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { canonicalizeSvg } from "../../src/notebook/canonical-svg.ts";
import { mimeBundle } from "../../src/display/mime.ts";
import { Plot, plotSpecOf } from "../../src/display/plot.ts";
import { PLOT_MIME, redrawPlot, type PlotSpec } from "../../src/display/plot-spec.ts";

const window = new JSDOM("").window;
const data = Array.from({ length: 1000 }, (_, i) => ({
  x: i,
  y: Math.sin(i / 50),
  group: i % 3 ? "a" : "b",
}));

function bundleOf(figure: unknown) {
  const { data } = mimeBundle(figure);
  return {
    svg: data["image/svg+xml"] as string,
    html: data["text/html"] as string | undefined,
    spec: data[PLOT_MIME] as unknown as PlotSpec,
    plain: data["text/plain"] as string,
  };
}

/** Parses as standalone XML, as an <img src=…svg> or a file viewer would. */
function parseXml(svg: string): Document {
  const doc = new window.DOMParser().parseFromString(svg, "image/svg+xml");
  expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
  return doc;
}

const roundTrip = (spec: PlotSpec) => JSON.parse(JSON.stringify(spec)) as PlotSpec;

describe("Plot under Node", () => {
  it("renders a 1,000-point dot plot to standalone SVG", () => {
    const { svg, plain, html } = bundleOf(
      Plot.plot({ marks: [Plot.dot(data, { x: "x", y: "y" })] }),
    );
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(parseXml(svg).getElementsByTagName("circle")).toHaveLength(1000);
    expect(plain).toBe("Plot.plot(dot) 640×400");
    expect(html).toBeUndefined();
  });

  it("carries a JSON spec that redraws the same chart", () => {
    const first = bundleOf(
      Plot.plot({
        height: 300,
        y: { grid: true },
        marks: [Plot.dot(data, { x: "x", y: "y", fill: "group" }), Plot.ruleY([0])],
      }),
    );
    const spec = roundTrip(first.spec);
    expect(spec).toEqual(first.spec);
    expect(plotSpecOf(Plot.plot({ marks: [Plot.ruleY([0])] }))).toMatchObject({ call: "plot" });
    expect(plotSpecOf({})).toBeUndefined();
    expect(spec).toMatchObject({
      version: 1,
      call: "plot",
      redrawable: true,
      omitted: [],
      options: { height: 300, y: { grid: true } },
    });
    expect(spec.options.marks).toEqual([
      { $plot: "dot", args: [data, { x: "x", y: "y", fill: "group" }] },
      { $plot: "ruleY", args: [[0]] },
    ]);
    const again = bundleOf(redrawPlot(spec, Plot as never));
    expect(canonicalizeSvg(again.svg)).toBe(canonicalizeSvg(first.svg));
  });

  it("marks the marks that share the facet data, so the redraw is faceted the same way", () => {
    const rows = data.slice(0, 60);
    const other = rows.map((row) => ({ ...row })); // equal rows, another array: not faceted
    const first = bundleOf(
      Plot.plot({
        facet: { data: rows, x: "group" },
        marks: [Plot.dot(rows, { x: "x", y: "y" }), Plot.lineY(other, { x: "x", y: "y" })],
      }),
    );
    const marks = first.spec.options.marks as { args: [unknown, Record<string, unknown>] }[];
    expect(marks[0]!.args[1]).toEqual({ x: "x", y: "y", facet: "include" });
    expect(marks[1]!.args[1]).toEqual({ x: "x", y: "y" });
    const again = bundleOf(redrawPlot(roundTrip(first.spec), Plot as never));
    expect(canonicalizeSvg(again.svg)).toBe(canonicalizeSvg(first.svg));
  });

  it("records transforms and Plot helpers so they redraw too", () => {
    const first = bundleOf(
      Plot.plot({
        marks: [
          Plot.rectY(data, Plot.binX({ y: "count" }, { x: "y", thresholds: 20 })),
          Plot.areaY(data, { x: "x", y: "y", curve: "step", clip: true }),
        ],
      }),
    );
    expect(first.spec.redrawable).toBe(true);
    const marks = first.spec.options.marks as { $plot: string; args: unknown[] }[];
    expect(marks[0]!.args[1]).toEqual({
      $plot: "binX",
      args: [{ y: "count" }, { x: "y", thresholds: 20 }],
    });
    const again = bundleOf(redrawPlot(roundTrip(first.spec), Plot as never));
    expect(canonicalizeSvg(again.svg)).toBe(canonicalizeSvg(first.svg));
  });

  it("encodes dates, typed arrays and non-finite numbers", () => {
    const dates = Array.from({ length: 5 }, (_, i) => ({
      t: new Date(Date.UTC(2025, 0, i + 1)),
      v: i === 2 ? Number.NaN : i,
    }));
    const first = bundleOf(
      Plot.plot({
        marks: [Plot.lineY(dates, { x: "t", y: "v" }), Plot.dotY(new Float64Array([1, 2, 3]))],
      }),
    );
    const [line, dots] = first.spec.options.marks as { args: unknown[] }[];
    expect((line!.args[0] as unknown[])[0]).toEqual({
      t: { $date: "2025-01-01T00:00:00.000Z" },
      v: 0,
    });
    expect((line!.args[0] as { v: unknown }[])[2]!.v).toBeNull();
    expect(dots!.args[0]).toEqual([1, 2, 3]);
    expect(canonicalizeSvg(bundleOf(redrawPlot(roundTrip(first.spec), Plot as never)).svg)).toBe(
      canonicalizeSvg(first.svg),
    );
  });

  it("marks a chart with a function channel as not redrawable, naming the path", () => {
    const { spec, svg } = bundleOf(
      Plot.plot({ marks: [Plot.dot(data, { x: "x", y: (d: { y: number }) => d.y * 2 })] }),
    );
    expect(svg).toContain("<circle");
    expect(spec.redrawable).toBe(false);
    expect(spec.omitted).toEqual(["options.marks[0].args[1].y (function)"]);
  });

  it("escapes data keys that look like spec tags", () => {
    const rows = [{ $plot: "x", v: 1 }];
    const { spec } = bundleOf(
      Plot.plot({ marks: [Plot.dot(rows, { x: "v", y: "v", title: "$plot" })] }),
    );
    const mark = (spec.options.marks as { args: unknown[] }[])[0]!;
    expect(mark.args[0]).toEqual([{ $object: { $plot: "x", v: 1 } }]);
    const revived = redrawPlot(roundTrip(spec), Plot as never);
    expect(bundleOf(revived).svg).toContain("<circle");
  });

  it("keeps only the fields a mark names (transforms included), and still redraws", () => {
    const wide = data.map((row, i) => ({ ...row, seed: i, note: `run ${i}`, lr: 0.001 }));
    const first = bundleOf(
      Plot.plot({
        marks: [
          Plot.dot(wide, { x: "x", y: "y", fill: "group" }),
          Plot.rectY(wide, Plot.binX({ y: "count" }, { x: "seed" })),
          Plot.dotX([3, 1, 2]),
        ],
      }),
    );
    const [dots, rects, plain] = first.spec.options.marks as { args: unknown[] }[];
    expect(Object.keys((dots!.args[0] as object[])[0]!)).toEqual(["x", "y", "group"]);
    expect(Object.keys((rects!.args[0] as object[])[0]!)).toEqual(["seed"]);
    expect(plain!.args[0]).toEqual([3, 1, 2]);
    const again = bundleOf(redrawPlot(roundTrip(first.spec), Plot as never));
    expect(canonicalizeSvg(again.svg)).toBe(canonicalizeSvg(first.svg));
  });

  it("leaves the spec out of reach of data over the size cap", () => {
    const big = Array.from({ length: 60_000 }, (_, i) => ({ x: i, y: i % 7 }));
    const { spec, svg } = bundleOf(Plot.plot({ marks: [Plot.dot(big, { x: "x", y: "y" })] }));
    expect(svg).toContain("<circle");
    expect(spec).toEqual({
      version: 1,
      call: "plot",
      options: {},
      redrawable: false,
      omitted: ["options (more than 100000 values)"],
    });
  });

  it("makes mark.plot() work under Node", () => {
    const { svg, spec } = bundleOf(
      Plot.dot(data.slice(0, 10), { x: "x", y: "y" }).plot({ width: 300 }),
    );
    expect(parseXml(svg).getElementsByTagName("circle")).toHaveLength(10);
    expect(spec.options).toMatchObject({ width: 300, marks: [{ $plot: "dot" }] });
  });

  it("puts a figure with a legend in text/html and its plot SVG in image/svg+xml", () => {
    const { svg, html } = bundleOf(
      Plot.plot({
        color: { legend: true },
        marks: [Plot.dot(data, { x: "x", y: "y", fill: "group" })],
      }),
    );
    expect(html).toMatch(/^<figure/);
    expect(html).toContain("swatches");
    expect(parseXml(svg).getElementsByTagName("circle")).toHaveLength(1000);
    expect(svg).not.toContain("swatch");
  });

  it("draws continuous color legends (canvas ramp) as an embedded PNG", () => {
    const { html } = bundleOf(
      Plot.plot({
        color: { legend: true, scheme: "viridis" },
        marks: [Plot.dot(data, { x: "x", y: "y", fill: "y" })],
      }),
    );
    const uri = /href="data:image\/png;base64,([^"]+)"/.exec(html!)?.[1];
    expect(uri).toBeDefined();
    const png = Buffer.from(uri!, "base64");
    expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(256); // IHDR width: Plot's 256-step ramp
  });

  it("renders a standalone legend with its own spec", () => {
    const { html, spec } = bundleOf(
      Plot.legend({ color: { type: "categorical", domain: ["x", "y"] } }),
    );
    expect(html).toContain(">x<");
    expect(spec).toMatchObject({
      call: "legend",
      redrawable: true,
      options: { color: { type: "categorical", domain: ["x", "y"] } },
    });
  });

  it("leaves a user-supplied document in charge", () => {
    const figure = Plot.plot({
      document: window.document,
      marks: [Plot.dot(data.slice(0, 3), { x: "x", y: "y" })],
    }) as unknown as Element;
    expect(figure.ownerDocument).toBe(window.document);
    const { svg, spec } = bundleOf(figure);
    expect(parseXml(svg).getElementsByTagName("circle")).toHaveLength(3);
    expect(spec.options).not.toHaveProperty("document");
  });
});
