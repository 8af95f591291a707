import * as RealPlot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { MAX_TEXT_LENGTH } from "../../src/display/inspect.ts";
import { addRenderer, MIME_HOOK, mimeBundle, renderers } from "../../src/display/mime.ts";

const plain = (value: unknown) => mimeBundle(value).data["text/plain"] as string;

describe("mimeBundle", () => {
  it("gives text/plain for primitives, as Node inspects them", () => {
    expect(mimeBundle(2)).toEqual({ data: { "text/plain": "2" }, metadata: {} });
    expect(plain("hi")).toBe("'hi'");
    expect(plain(null)).toBe("null");
    expect(plain(undefined)).toBe("undefined");
    expect(plain(10n)).toBe("10n");
    expect(plain(Symbol("s"))).toBe("Symbol(s)");
  });

  it("inspects objects, class instances, Maps, Sets and typed arrays readably", () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    expect(plain({ a: 1, b: [1, 2] })).toBe("{ a: 1, b: [ 1, 2 ] }");
    expect(plain(new Point(1, 2))).toBe("Point { x: 1, y: 2 }");
    expect(plain(new Map([["k", 1]]))).toBe("Map(1) { 'k' => 1 }");
    expect(plain(new Set([1, 2]))).toBe("Set(2) { 1, 2 }");
    expect(plain(new Float32Array([1.5, 2]))).toBe("Float32Array(2) [ 1.5, 2 ]");
  });

  it("bounds the size of huge and deep values", () => {
    const huge = plain(Array.from({ length: 1_000_000 }, (_, i) => i));
    expect(huge).toContain("... 999900 more items");
    expect(huge.length).toBeLessThan(2_000);
    const typed = plain(new Float64Array(10_000_000));
    expect(typed).toContain("more items");
    expect(typed.length).toBeLessThan(2_000);
    let deep: unknown = "bottom";
    for (let i = 0; i < 50; i++) deep = { next: deep };
    expect(plain(deep)).toContain("[Object]");
    const wide = Array.from({ length: 100 }, () => "x".repeat(5_000));
    const text = plain(Object.fromEntries(wide.map((v, i) => [`k${i}`, v])));
    expect(text.length).toBeLessThan(MAX_TEXT_LENGTH + 100);
    expect(text).toMatch(/… \(\d+ more characters\)$/);
  });

  it("shows arrays of records as text only (JupyterLab would fold application/json into a tree)", () => {
    const rows = [
      { a: 1, b: "x" },
      { a: 2, b: null },
    ];
    expect(Object.keys(mimeBundle(rows).data)).toEqual(["text/plain"]);
    expect(mimeBundle(rows).data["text/plain"]).toBe("[ { a: 1, b: 'x' }, { a: 2, b: null } ]");
  });

  it("keeps JSON payloads storable: NaN and Infinity become null", () => {
    const hooked = {
      [MIME_HOOK]: () => ({
        "application/vnd.x+json": { v: [1, -Infinity, 3n] },
        "text/plain": "x",
      }),
    };
    expect(mimeBundle(hooked).data["application/vnd.x+json"]).toEqual({ v: [1, null, 3] });
  });

  it("uses a value's own [Symbol.for('tsnb.mime')] bundle and fills in text/plain", () => {
    const tensor = { [Symbol.for("tsnb.mime")]: () => ({ "text/html": "<b>T</b>" }) };
    const bundle = mimeBundle(tensor);
    expect(bundle.data["text/html"]).toBe("<b>T</b>");
    expect(typeof bundle.data["text/plain"]).toBe("string");
    const full = {
      [MIME_HOOK]: () => ({
        data: { "text/plain": "T", "text/markdown": "*T*" },
        metadata: { a: 1 },
      }),
    };
    expect(mimeBundle(full)).toEqual({
      data: { "text/plain": "T", "text/markdown": "*T*" },
      metadata: { a: 1 },
    });
  });

  it("renders DOM elements as text/html", () => {
    const { document } = parseHTML("<!doctype html><html><body></body></html>");
    const div = document.createElement("div");
    div.textContent = "hello";
    expect(mimeBundle(div).data["text/html"]).toBe("<div>hello</div>");
  });

  it("renders an <svg> from unwrapped Plot as image/svg+xml", () => {
    const { document } = parseHTML("<!doctype html><html><body></body></html>");
    const svg = RealPlot.plot({
      document,
      marks: [RealPlot.dot([1, 2, 3], { x: (d: number) => d })],
    });
    const { data } = mimeBundle(svg);
    expect(data["image/svg+xml"]).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(data["text/html"]).toBeUndefined();
    expect(data["text/plain"]).toBe("<svg 640×60>");
  });

  it("is a table of renderers that can be extended before a named entry", () => {
    expect(renderers.map((r) => r.name)).toEqual(["mime-hook", "dom-element", "inspect"]);
    class Money {
      constructor(readonly cents: number) {}
    }
    addRenderer({
      name: "money",
      test: (v) => v instanceof Money,
      render: (v) => ({ data: { "text/plain": `$${(v as Money).cents / 100}` }, metadata: {} }),
    });
    try {
      expect(plain(new Money(250))).toBe("$2.5");
    } finally {
      renderers.splice(
        renderers.findIndex((r) => r.name === "money"),
        1,
      );
    }
    expect(plain(new Money(250))).toBe("Money { cents: 250 }");
  });
});
