// The bundle of a DOM element (from the server DOM, jsdom, or Plot given its own `document`):
// an `<svg>` is `image/svg+xml` (serialised as XML, see xml.ts); any other element is
// `text/html`, plus `image/svg+xml` of the chart inside when it wraps one (Plot's <figure>
// with legends, title or caption).
import type { MimeBundle } from "./sink.ts";
import { serializeSvg } from "./xml.ts";

export interface ElementLike {
  nodeType: number;
  localName: string;
  outerHTML: string;
  children: ArrayLike<ElementLike>;
  getAttribute(name: string): string | null;
}

export function isElement(value: unknown): value is ElementLike {
  if (typeof value !== "object" || value === null) return false;
  const node = value as Partial<ElementLike>;
  return (
    node.nodeType === 1 && typeof node.outerHTML === "string" && typeof node.localName === "string"
  );
}

/** The chart's own `<svg>`: the element itself, or its direct child that is not a legend. */
export function mainSvg(element: ElementLike): ElementLike | undefined {
  if (element.localName === "svg") return element;
  const svgs = Array.from(element.children ?? []).filter((child) => child.localName === "svg");
  const plots = svgs.filter((svg) => !/-(ramp|swatch)/.test(svg.getAttribute("class") ?? ""));
  return plots.at(-1) ?? svgs.at(-1);
}

/** `W×H` of the chart, for text/plain descriptions. */
export function svgSize(element: ElementLike): string {
  const svg = mainSvg(element);
  return svg ? `${svg.getAttribute("width") ?? "?"}×${svg.getAttribute("height") ?? "?"}` : "";
}

export function elementData(element: ElementLike): MimeBundle {
  const data: MimeBundle = {};
  const svg = mainSvg(element);
  if (svg) data["image/svg+xml"] = serializeSvg(svg);
  if (element.localName !== "svg") data["text/html"] = element.outerHTML;
  const size = svgSize(element);
  data["text/plain"] = `<${element.localName}${size ? ` ${size}` : ""}>`;
  return data;
}
