// Canonical SVG for snapshots (DESIGN.md, Determinism). nbval compares SVG as exact text,
// so a chart "changes" whenever a global counter or the DOM library does; here the volatile
// parts are rewritten: ids renumbered in document order (Plot's `plot-clip-7` depends on how
// many plots ran before), Plot's hashed class names (`plot-d6a7b5`, per Plot version)
// replaced, attributes sorted (jsdom and linkedom order them differently), numbers in
// attribute values rounded to 2 decimals, and empty elements self-closed.

const ID = /(?<![\w:-])id="([^"]+)"/g;
const PLOT_CLASS = /\bplot-[0-9a-f]{6}(?![0-9a-zA-Z])/g;
const START_TAG = /<([a-zA-Z][\w:.-]*)((?:\s+[^\s=>/"]+(?:="[^"]*")?)*)\s*(\/?)>/g;
const ATTRIBUTE = /([^\s=>/"]+)(?:="([^"]*)")?/g;
const DECIMAL = /-?(?:\d+\.\d+|\.\d+)(?:[eE][-+]?\d+)?/g;
const UNROUNDED = new Set(["id", "class", "href", "xlink:href", "aria-label", "style"]);

/** `12.3456` → `12.35`, `-0.001` → `0`, `2.50` → `2.5`. */
export function roundCoordinate(text: string): string {
  // Two stages: Plot often lands exactly on ties (348.125); noise of 1e-9 must not flip them.
  const value = Math.round(Number(Number(text).toFixed(6)) * 100) / 100;
  return Object.is(value, -0) ? "0" : String(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function renumberIds(svg: string): string {
  const ids = new Map<string, string>();
  for (const match of svg.matchAll(ID)) {
    const id = match[1]!;
    if (!ids.has(id)) ids.set(id, `id-${ids.size + 1}`);
  }
  if (ids.size === 0) return svg;
  const alternatives = [...ids.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join("|");
  const reference = new RegExp(`((?<![\\w:-])id="|#)(${alternatives})(?=["')\\s])`, "g");
  return svg.replace(reference, (_, prefix: string, id: string) => prefix + ids.get(id));
}

/** `max-width: initial;` and `max-width:initial` are one declaration (jsdom vs linkedom). */
function canonicalStyle(style: string): string {
  return style
    .split(";")
    .map((d) => d.trim().replace(/\s*:\s*/, ":"))
    .filter(Boolean)
    .join(";");
}

function canonicalTag(_: string, name: string, attributes: string, selfClosing: string): string {
  const pairs: [string, string | undefined][] = [];
  for (const [, key, value] of attributes.matchAll(ATTRIBUTE)) {
    if (key === "style" && value !== undefined) pairs.push([key, canonicalStyle(value)]);
    else
      pairs.push([
        key!,
        value !== undefined && !UNROUNDED.has(key!)
          ? value.replace(DECIMAL, roundCoordinate)
          : value,
      ]);
  }
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const text = pairs.map(([k, v]) => (v === undefined ? ` ${k}` : ` ${k}="${v}"`)).join("");
  return `<${name}${text}${selfClosing ? "/" : ""}>`;
}

/** Canonical form of an SVG (or HTML embedding SVG) string; idempotent. */
export function canonicalizeSvg(svg: string): string {
  let out = renumberIds(svg);
  out = out.replace(PLOT_CLASS, "plot-class");
  out = out.replace(START_TAG, canonicalTag);
  // `<rect …></rect>` and `<rect …/>` are the same element; serialisers differ.
  out = out.replace(
    /<([a-zA-Z][\w:.-]*)([^<>]*?)><\/\1>/g,
    (_, name: string, rest: string) => `<${name}${rest}/>`,
  );
  return out;
}
