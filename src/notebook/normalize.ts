// The one snapshot normaliser (DESIGN.md, Determinism): executed outputs minus what changes
// from run to run or machine to machine — timings, absolute paths, run dates, `transient`,
// volatile metadata keys, SVG ids/class hashes/float noise, and float noise in JSON
// payloads — so a snapshot diff shows a real change. Pure and idempotent.
import { createHash } from "node:crypto";
import { homedir, tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { canonicalizeSvg } from "./canonical-svg.ts";
import type { IOutput, Notebook } from "./types.ts";

export interface NormalizeOptions {
  /**
   * Arrays in JSON payloads longer than this become `{ $digest, length, head }` (default: never;
   * the snapshot harness should pass 100):
   * a Plot spec carries its data (8,000 rows for a box plot) and the SVG already shows the
   * chart, so the snapshot keeps a hash of the rounded rows — any change still shows — not
   * the rows.
   */
  digestArraysOver?: number;
  /** Extra absolute paths to replace, e.g. `{ "/tmp/run-1": "<out>" }` (longest match first). */
  paths?: Record<string, string>;
}

/** Metadata keys that record a particular run rather than its result. */
export const VOLATILE_KEYS = new Set([
  "timing",
  "timings",
  "execution",
  "duration",
  "elapsed",
  "start_time",
  "end_time",
  "started",
  "finished",
]);

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");
const TIME_UNITS = "ns|µs|us|ms|s|sec|secs|seconds?|min|mins|minutes?";
const TEXT_RULES: [RegExp, string][] = [
  // ISO 8601 date-times and Date#toString; bare dates (`2024-03-01`) are data, not run dates.
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g, "<date>"],
  [
    /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{2} \d{4} \d{2}:\d{2}:\d{2} GMT[+-]\d{4}(?: \([^)]*\))?/g,
    "<date>",
  ],
  [/\b\d+(?:\.\d+)?\s?(?:it|items|steps|samples|cells)\/s\b/g, "<rate>"],
  [new RegExp(`\\b\\d+(?:\\.\\d+)?\\s?(?:${TIME_UNITS})(?!\\w)`, "g"), "<time>"],
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function pathRules(options: NormalizeOptions): [RegExp, string][] {
  const entries: [string, string][] = Object.entries(options.paths ?? {});
  entries.push([REPO_ROOT, "<repo>"], [tmpdir(), "<tmp>"], [homedir(), "<home>"]);
  const seen = new Set<string>();
  return entries
    .map(([p, label]) => [p.replace(/\/+$/, ""), label] as [string, string])
    .filter(([p]) => p.length > 1 && !seen.has(p) && seen.add(p))
    .sort(([a], [b]) => b.length - a.length)
    .map(([p, label]) => {
      // A temp folder's own name is random (mkdtemp): fold it into the placeholder too.
      const tail = label === "<tmp>" ? "(?:/[^/\\s\"'<>]+)?" : "";
      return [new RegExp(`${escapeRegExp(p)}${tail}(?![\\w.-])`, "g"), label];
    });
}

function normalizeText(text: string, paths: [RegExp, string][]): string {
  let out = text;
  for (const [pattern, replacement] of paths) out = out.replace(pattern, replacement);
  for (const [pattern, replacement] of TEXT_RULES) out = out.replace(pattern, replacement);
  if (out.includes("<svg")) out = canonicalizeSvg(out);
  return out;
}

/** Rounds non-integers to 6 significant digits: last-ulp differences across platforms vanish. */
function roundFloat(x: number): number {
  return Number.isInteger(x) || !Number.isFinite(x) ? x : Number(x.toPrecision(6));
}

function mapJson(
  value: unknown,
  text: (s: string) => string,
  json: boolean,
  digestOver = Infinity,
): unknown {
  if (typeof value === "string") return text(value);
  if (typeof value === "number") return json ? roundFloat(value) : value;
  if (Array.isArray(value)) {
    const items = value.map((v) => mapJson(v, text, json, digestOver));
    if (items.length <= digestOver) return items;
    const hash = createHash("sha256").update(JSON.stringify(items)).digest("hex").slice(0, 16);
    return { $digest: `sha256:${hash}`, length: items.length, head: items.slice(0, 3) };
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => [k, mapJson(v, text, json, digestOver)]);
    return Object.fromEntries(entries);
  }
  return value;
}

function dropVolatile(metadata: unknown): unknown {
  if (Array.isArray(metadata)) return metadata.map(dropVolatile);
  if (!metadata || typeof metadata !== "object") return metadata;
  const entries = Object.entries(metadata).filter(([k]) => !VOLATILE_KEYS.has(k));
  return Object.fromEntries(entries.map(([k, v]) => [k, dropVolatile(v)]));
}

function joinText(value: unknown): unknown {
  return Array.isArray(value) && value.every((s) => typeof s === "string") ? value.join("") : value;
}

function normalizeOutput(output: IOutput, paths: [RegExp, string][], digestOver: number): IOutput {
  const text = (s: string) => normalizeText(s, paths);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(output)) {
    if (key === "transient") continue;
    if (key === "metadata") out[key] = mapJson(dropVolatile(value), text, false);
    else if (key === "data" && value && typeof value === "object") {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([mime, v]) => {
          const isJson = /[/+]json$/.test(mime);
          return [
            mime,
            isJson ? mapJson(v, text, true, digestOver) : mapJson(joinText(v), text, false),
          ];
        }),
      );
    } else out[key] = mapJson(key === "text" ? joinText(value) : value, text, false);
  }
  return out as IOutput;
}

/** Normalised copies of `outputs` (multiline strings joined, volatile parts replaced). */
export function normalizeOutputs(
  outputs: readonly IOutput[],
  options: NormalizeOptions = {},
): IOutput[] {
  const paths = pathRules(options);
  return outputs.map((o) => normalizeOutput(o, paths, options.digestArraysOver ?? Infinity));
}

/** A normalised copy of the notebook: outputs as `normalizeOutputs`, volatile metadata dropped. */
export function normalizeNotebook(nb: Notebook, options: NormalizeOptions = {}): Notebook {
  const cells = nb.cells.map((cell) => {
    const copy = { ...cell, metadata: dropVolatile(cell.metadata) } as typeof cell;
    if (cell.cell_type === "code" && Array.isArray(cell.outputs)) {
      (copy as { outputs: IOutput[] }).outputs = normalizeOutputs(
        cell.outputs as IOutput[],
        options,
      );
    }
    return copy;
  });
  return { ...nb, metadata: dropVolatile(nb.metadata) as Notebook["metadata"], cells };
}
