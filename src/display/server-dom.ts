// The DOM Plot renders into under Node. linkedom rather than jsdom: rendering a 1,000-point
// dot plot took ~9 ms with linkedom and ~31 ms with jsdom (warm, median of 3, machine under
// load) with identical SVG after canonicalisation. One document is shared; only `<canvas>`
// creation is replaced (see canvas.ts).
import { parseHTML } from "linkedom";
import { PixelCanvas } from "./canvas.ts";

let shared: Document | undefined;

export function serverDocument(): Document {
  if (shared) return shared;
  const { document } = parseHTML("<!doctype html><html><head></head><body></body></html>");
  const createElement = document.createElement.bind(document);
  (document as { createElement: unknown }).createElement = (name: string, options?: unknown) =>
    String(name).toLowerCase() === "canvas" ? new PixelCanvas() : createElement(name, options as never);
  shared = document as unknown as Document;
  return shared;
}
