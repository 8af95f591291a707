import { JSDOM } from "jsdom";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { encodePng, parseColor } from "../../src/display/canvas.ts";
import { serializeSvg } from "../../src/display/xml.ts";
import { crc32, inflateSync } from "node:zlib";

describe("serializeSvg", () => {
  it("escapes for XML where linkedom's outerHTML does not", () => {
    const { document } = parseHTML("<!doctype html><html><body></body></html>");
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    const text = document.createElementNS("http://www.w3.org/2000/svg", "text");
    text.setAttribute("data-label", `a & "b" < c`);
    text.textContent = "x\u00a0&\u00a0y <z>";
    svg.appendChild(text);
    expect(svg.outerHTML).toContain('data-label="a & &quot;b&quot; < c"'); // not XML
    const xml = serializeSvg(svg);
    expect(xml).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><text data-label="a &amp; &quot;b&quot; &lt; c">x\u00a0&amp;\u00a0y &lt;z&gt;</text></svg>',
    );
    const parsed = new new JSDOM("").window.DOMParser().parseFromString(xml, "image/svg+xml");
    expect(parsed.getElementsByTagName("parsererror")).toHaveLength(0);
    expect(parsed.querySelector("text")!.getAttribute("data-label")).toBe(`a & "b" < c`);
  });
});

describe("canvas PNG", () => {
  it("parses the colour forms d3 interpolators produce", () => {
    expect(parseColor("#fff")).toEqual([255, 255, 255, 255]);
    expect(parseColor("#440154")).toEqual([68, 1, 84, 255]);
    expect(parseColor("rgb(68, 1, 84)")).toEqual([68, 1, 84, 255]);
    expect(parseColor("rgba(1, 2, 3, 0.5)")).toEqual([1, 2, 3, 128]);
  });

  it("encodes a valid PNG whose pixels inflate back", () => {
    const rgba = new Uint8Array([255, 0, 0, 255, 0, 0, 255, 255]);
    const png = encodePng(2, 1, rgba);
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    // chunks: IHDR at 8, IDAT after it; check each CRC and the scanline bytes
    let at = 8;
    const chunks: Record<string, Buffer> = {};
    while (at < png.length) {
      const length = png.readUInt32BE(at);
      const type = png.subarray(at + 4, at + 8).toString("ascii");
      const body = png.subarray(at + 8, at + 8 + length);
      expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
      chunks[type] = body;
      at += 12 + length;
    }
    expect(Object.keys(chunks)).toEqual(["IHDR", "IDAT", "IEND"]);
    expect([...inflateSync(chunks.IDAT!)]).toEqual([0, ...rgba]);
  });
});
