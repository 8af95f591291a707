// `Plot` for notebooks: Observable Plot's namespace, wrapped so that `Plot.plot({...})` works in
// Node (a server DOM is injected as Plot's documented `document` option) and the figure it
// returns displays as `image/svg+xml` (plus `text/html` for figures with legends or titles)
// and carries a redraw spec (`application/vnd.tsnb.plot+json`, format in plot-spec.ts).
// Every other lowercase export is wrapped only to record its call for that spec.
import * as RealPlot from "@observablehq/plot";
import { elementData, svgSize, type ElementLike } from "./element.ts";
import { MIME_HOOK, type Bundle } from "./mime.ts";
import { encodeSpec, recordCall } from "./plot-record.ts";
import { PLOT_MIME, type PlotSpec } from "./plot-spec.ts";
import { serverDocument } from "./server-dom.ts";

type Namespace = typeof RealPlot;

const PLOT_SPEC = Symbol.for("tsnb.plot-spec");

/** `Plot.plot(dot, ruleY) 640×400`: the text/plain of a figure. */
function describe(spec: PlotSpec, element: ElementLike): string {
  const marks = spec.options.marks;
  const names = Array.isArray(marks)
    ? marks
        .flat()
        .map((m) => (m && typeof m === "object" && "$plot" in m ? String(m.$plot) : "mark"))
    : [];
  const size = svgSize(element);
  return `Plot.${spec.call}(${names.join(", ")})${size ? ` ${size}` : ""}`;
}

/** MIME bundle of a Plot figure: its SVG/HTML, a one-line text description and the redraw spec under PLOT_MIME. */
export function plotBundle(element: ElementLike, spec: PlotSpec): Bundle {
  const data = { ...elementData(element), "text/plain": describe(spec, element) };
  return { data: { ...data, [PLOT_MIME]: spec as never }, metadata: {} };
}

function render(
  real: Namespace,
  call: PlotSpec["call"],
  options: Record<string, unknown> = {},
): unknown {
  const document = options.document ?? serverDocument();
  const element = (real[call] as (o: unknown) => unknown)({ ...options, document }) as ElementLike &
    Record<symbol, unknown>;
  const spec = encodeSpec(call, options);
  Object.defineProperty(element, MIME_HOOK, {
    value: () => plotBundle(element, spec),
    configurable: true,
  });
  Object.defineProperty(element, PLOT_SPEC, { value: spec, configurable: true });
  return element;
}

/** The redraw spec of a figure made by the wrapped `Plot` (undefined for anything else). */
export function plotSpecOf(figure: unknown): PlotSpec | undefined {
  if (typeof figure !== "object" || figure === null) return undefined;
  return (figure as Record<symbol, PlotSpec | undefined>)[PLOT_SPEC];
}

function wrap(real: Namespace): Namespace {
  const wrapped: Record<string, unknown> = {};
  const plot = (options?: Record<string, unknown>) => render(real, "plot", options);
  for (const [name, value] of Object.entries(real)) {
    if (name === "plot" || name === "legend") {
      wrapped[name] = (options?: Record<string, unknown>) => render(real, name, options);
    } else if (typeof value === "function" && /^[a-z]/.test(name)) {
      wrapped[name] = function (this: unknown, ...args: unknown[]) {
        const result = (value as (...a: unknown[]) => unknown).apply(this, args);
        recordCall(result, name, args, result instanceof real.Mark);
        // mark.plot(options) calls Plot's own plot(), which has no document under Node.
        if (
          result instanceof real.Mark ||
          (result instanceof Object &&
            typeof (result as { plot?: unknown }).plot === "function" &&
            !("nodeType" in result))
        ) {
          Object.defineProperty(result, "plot", {
            value: (options: Record<string, unknown> = {}) => plot({ ...options, marks: [result] }),
            configurable: true,
          });
        }
        return result;
      };
    } else {
      wrapped[name] = value;
      recordCall(value, name);
    }
  }
  return Object.freeze(wrapped) as Namespace;
}

/** Observable Plot, working under Node; figures display as SVG with a redraw spec. */
export const Plot: Namespace = wrap(RealPlot);
