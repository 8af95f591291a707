// Recording side of the plot spec (format in plot-spec.ts): every object or function the
// wrapped Plot namespace returns is remembered with the call that made it, so encoding a
// figure's options can write `{ $plot: "binX", args: [...] }` instead of the opaque result.
import type { PlotSpec, PlotValue } from "./plot-spec.ts";

interface Recorded {
  name: string;
  args?: readonly unknown[];
  /** A mark factory: its data rows are pruned to the fields its options name. */
  mark?: boolean;
}

// On globalThis, like the sink: marks made by one copy of this module (the cell globals) and
// plotted by another (`import { Plot } from "tsnb"`) still encode.
const CALLS = Symbol.for("tsnb.plot-calls");
const holder = globalThis as { [CALLS]?: WeakMap<object, Recorded> };
const calls = (holder[CALLS] ??= new WeakMap<object, Recorded>());

/** Remembers that `result` came from `Plot[name](...args)` (or is the export `name` itself). */
export function recordCall(
  result: unknown,
  name: string,
  args?: readonly unknown[],
  mark = false,
): void {
  if ((typeof result !== "object" && typeof result !== "function") || result === null) return;
  if (calls.has(result)) return;
  // A helper that hands back one of its own arguments (valueof on an array) must not claim it.
  if (args?.some((a) => a === result)) return;
  calls.set(result, { name, args, mark });
}

/** Every string in a mark's options (and in the transforms it wraps): the fields it may read. */
function namedFields(value: unknown, into: Set<string>, seen: Set<object>): Set<string> {
  if (typeof value === "string") into.add(value);
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return into;
  if (seen.has(value)) return into;
  seen.add(value);
  const recorded = calls.get(value);
  if (recorded) for (const arg of recorded.args ?? []) namedFields(arg, into, seen);
  else if (Array.isArray(value)) for (const v of value) namedFields(v, into, seen);
  else if (isPlainObject(value)) for (const v of Object.values(value)) namedFields(v, into, seen);
  return into;
}

/**
 * A mark's rows keep only the fields its options name: a table of runs with twenty columns
 * plotted as loss against step needs two. Rows are left whole when no field is named
 * (Plot's defaults read the row itself) or when they are not plain objects.
 */
function pruneRows(recorded: Recorded): readonly unknown[] {
  const [data, ...rest] = recorded.args ?? [];
  if (!recorded.mark || !Array.isArray(data)) return recorded.args ?? [];
  const fields = namedFields(rest, new Set(), new Set());
  if (fields.size === 0) return recorded.args!;
  const rows = data.map((row: unknown) => {
    if (typeof row !== "object" || row === null || !isPlainObject(row)) return row;
    return Object.fromEntries(Object.entries(row).filter(([key]) => fields.has(key)));
  });
  return [rows, ...rest];
}

/** Cap on encoded leaf values per figure (1,000 points × 3 fields is 3,000). */
export const MAX_VALUES = 100_000;

class TooLarge extends Error {}

interface Encoder {
  omitted: string[];
  count: number;
  active: Set<object>;
  /** The top-level `facet.data` of the figure, if any. */
  facetData: unknown;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function leaf(encoder: Encoder): void {
  if (++encoder.count > MAX_VALUES) throw new TooLarge();
}

function encode(value: unknown, path: string, encoder: Encoder): PlotValue | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === "boolean" || typeof value === "string")
    return (leaf(encoder), value);
  if (typeof value === "number") return (leaf(encoder), Number.isFinite(value) ? value : null);
  if (typeof value === "bigint") return (leaf(encoder), Number(value));
  if (typeof value === "symbol") return (encoder.omitted.push(`${path} (symbol)`), undefined);
  if (value instanceof Date)
    return (leaf(encoder), Number.isNaN(value.getTime()) ? null : { $date: value.toISOString() });
  const recorded = calls.get(value);
  if (recorded && !encoder.active.has(value)) {
    if (!recorded.args) return { $plot: recorded.name };
    encoder.active.add(value);
    const args = withFacet(recorded, pruneRows(recorded), encoder.facetData).map(
      (a, i) => encode(a, `${path}.args[${i}]`, encoder) ?? null,
    );
    encoder.active.delete(value);
    while (args.length && args.at(-1) === null && recorded.args[args.length - 1] === undefined)
      args.pop();
    return { $plot: recorded.name, args };
  }
  if (typeof value === "function") return (encoder.omitted.push(`${path} (function)`), undefined);
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const list = Array.from(value as ArrayLike<unknown>);
    return list.map((v, i) => encode(v, `${path}[${i}]`, encoder) ?? null);
  }
  if (!isPlainObject(value))
    return (encoder.omitted.push(`${path} (${value.constructor?.name ?? "object"})`), undefined);
  const out: { [key: string]: PlotValue } = {};
  let escaped = false;
  for (const [key, v] of Object.entries(value)) {
    if (key === "document") continue;
    const encoded = encode(v, `${path}.${key}`, encoder);
    if (encoded !== undefined) out[key] = encoded;
    if (key.startsWith("$")) escaped = true;
  }
  return escaped ? { $object: out } : out;
}

/**
 * Plot facets a mark by default when its data *is* the facet data (the same array). JSON
 * cannot keep that identity, so such a mark is written with `facet: "include"`, which Plot
 * reads as the same thing for data parallel to the facet data.
 */
function withFacet(
  recorded: Recorded,
  args: readonly unknown[],
  facetData: unknown,
): readonly unknown[] {
  if (!recorded.mark || facetData === undefined || recorded.args?.[0] !== facetData) return args;
  const [data, options, ...rest] = args;
  if (options !== undefined && (typeof options !== "object" || options === null)) return args;
  if (options && !isPlainObject(options)) return args;
  if (options && "facet" in options) return args;
  return [data, { ...(options ?? {}), facet: "include" }, ...rest];
}

/** The redraw spec of `Plot[call](options)`; never throws (oversized data gives a non-redrawable spec). */
export function encodeSpec(call: PlotSpec["call"], options: object): PlotSpec {
  const facet = (options as { facet?: { data?: unknown } }).facet;
  const encoder: Encoder = {
    omitted: [],
    count: 0,
    active: new Set(),
    facetData: facet && typeof facet === "object" ? facet.data : undefined,
  };
  try {
    const encoded = encode(options, "options", encoder);
    const isObject = typeof encoded === "object" && encoded !== null && !Array.isArray(encoded);
    const plain = isObject
      ? "$object" in encoded
        ? (encoded.$object as { [key: string]: PlotValue })
        : (encoded as { [key: string]: PlotValue })
      : {};
    return {
      version: 1,
      call,
      options: plain,
      redrawable: encoder.omitted.length === 0,
      omitted: encoder.omitted,
    };
  } catch (error) {
    if (!(error instanceof TooLarge)) throw error;
    return {
      version: 1,
      call,
      options: {},
      redrawable: false,
      omitted: [`options (more than ${MAX_VALUES} values)`],
    };
  }
}
