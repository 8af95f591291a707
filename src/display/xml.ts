// Serialises a DOM subtree as XML. `outerHTML` is HTML serialisation: linkedom leaves `&`
// unescaped in attribute values, and HTML entities such as `&nbsp;` are not XML — so an
// `image/svg+xml` output built from it may not parse. This walks the tree and escapes for XML.

interface NodeLike {
  nodeType: number;
  localName?: string;
  nodeValue?: string | null;
  attributes?: ArrayLike<{ name: string; value: string }>;
  childNodes?: ArrayLike<NodeLike>;
}

const SVG_NS = "http://www.w3.org/2000/svg";
const XLINK_NS = "http://www.w3.org/1999/xlink";

const escapeText = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttribute = (text: string) =>
  escapeText(text).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");

function write(node: NodeLike, out: string[], root: boolean): void {
  if (node.nodeType === 3) return void out.push(escapeText(node.nodeValue ?? ""));
  if (node.nodeType === 4) return void out.push(escapeText(node.nodeValue ?? ""));
  if (node.nodeType !== 1) return; // comments, processing instructions
  const name = node.localName!;
  const attributes = Array.from(node.attributes ?? []);
  out.push(`<${name}`);
  if (root && !attributes.some((a) => a.name === "xmlns")) out.push(` xmlns="${SVG_NS}"`);
  if (root && !attributes.some((a) => a.name === "xmlns:xlink"))
    out.push(` xmlns:xlink="${XLINK_NS}"`);
  for (const { name: key, value } of attributes) out.push(` ${key}="${escapeAttribute(value)}"`);
  const children = Array.from(node.childNodes ?? []);
  if (children.length === 0) return void out.push("/>");
  out.push(">");
  for (const child of children) write(child, out, false);
  out.push(`</${name}>`);
}

/** Standalone SVG text for an `<svg>` element, with `xmlns` (and `xmlns:xlink`) declared. */
export function serializeSvg(svg: unknown): string {
  const out: string[] = [];
  write(svg as NodeLike, out, true);
  return out.join("");
}
