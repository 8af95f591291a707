// The redraw spec of a Plot figure (MIME `application/vnd.tsnb.plot+json`), so the site can
// draw an interactive chart (tooltips, resizing) from the same options the notebook used.
// Format, version 1 — plain JSON:
//   { version: 1, call: "plot" | "legend", options, redrawable, omitted }
// `options` is the argument of `Plot[call]`, encoded as JSON values plus three tagged forms:
//   { "$plot": "dot", "args": [data, {x: "a", y: "b"}] }  a call of the Plot API (marks,
//                       transforms like binX, helpers like formatIsoDate); args encoded alike
//   { "$plot": "identity" }                               a Plot export used as a value
//   { "$date": "2025-01-31T00:00:00.000Z" }               a Date
//   { "$object": {…} }                                    a plain object whose keys start with "$"
// Data arrays: typed arrays become arrays; NaN/±Infinity become null (Plot treats both as
// missing); a mark's object rows keep only the fields its options (and wrapped transforms)
// name as strings. At most 100,000 values per figure. What cannot be encoded (user functions such as
// `x: d => d.a`, DOM nodes, class instances, data over the size cap) is left out and listed in
// `omitted` as JSON paths; then `redrawable` is false and the site keeps the static SVG.
// This module has no Node imports: the site's client script imports it to redraw.

/** MIME type of a Plot figure's redraw spec (JSON), which the site uses to redraw the figure. */
export const PLOT_MIME = "application/vnd.tsnb.plot+json";

export interface PlotCall {
  $plot: string;
  args?: PlotValue[];
}
export interface PlotDate {
  $date: string;
}
export interface PlotEscaped {
  $object: { [key: string]: PlotValue };
}
export type PlotValue =
  | null
  | boolean
  | number
  | string
  | PlotValue[]
  | PlotCall
  | PlotDate
  | PlotEscaped
  | { [key: string]: PlotValue };

export interface PlotSpec {
  version: 1;
  /** The Plot function that drew the figure. */
  call: "plot" | "legend";
  /** Its argument, encoded as above (never includes `document`). */
  options: { [key: string]: PlotValue };
  /** True when nothing was omitted: `redrawPlot(spec, Plot)` reproduces the figure. */
  redrawable: boolean;
  /** JSON paths (e.g. `options.marks[0].args[1].x`) of values left out, with the reason. */
  omitted: string[];
}

function isTagged(value: object, tag: string): boolean {
  return Object.hasOwn(value, tag);
}

/** Turns encoded values back into live ones, calling `Plot[name](...args)` for `$plot` calls. */
export function reviveValue(value: PlotValue, Plot: Record<string, unknown>): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => reviveValue(v, Plot));
  if (isTagged(value, "$date")) return new Date((value as PlotDate).$date);
  if (isTagged(value, "$object")) {
    const entries = Object.entries((value as PlotEscaped).$object);
    return Object.fromEntries(entries.map(([k, v]) => [k, reviveValue(v, Plot)]));
  }
  if (isTagged(value, "$plot")) {
    const { $plot: name, args } = value as PlotCall;
    const target = Plot[name];
    if (target === undefined) throw new Error(`Plot has no export named "${name}" (plot spec)`);
    if (args === undefined) return target;
    if (typeof target !== "function") throw new Error(`Plot.${name} is not a function (plot spec)`);
    return (target as (...a: unknown[]) => unknown)(...args.map((a) => reviveValue(a, Plot)));
  }
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, reviveValue(v as PlotValue, Plot)]),
  );
}

/** Redraws a figure from its spec with the given Plot namespace (the browser's, or a wrapped one). */
export function redrawPlot(
  spec: PlotSpec,
  Plot: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): unknown {
  const options = reviveValue(spec.options, Plot) as Record<string, unknown>;
  return (Plot[spec.call] as (o: unknown) => unknown)({ ...options, ...extra });
}
