// The MIME bundle of a value: an ordered table of small renderers (CONVENTIONS: a registry,
// not a switch); the first whose `test` accepts the value renders it. Values can also carry
// their own bundle through `[Symbol.for("tsnb.mime")]()` — markup, tables, claims, Plot
// figures and lab types (tensors) use that hook, so they need no entry here.
import { elementData, isElement, type ElementLike } from "./element.ts";
import { inspectValue } from "./inspect.ts";
import type { MimeBundle, OutputMetadata } from "./sink.ts";

/** `Symbol.for("tsnb.mime")`: a value's method under this key returns its own MIME bundle for display. */
export const MIME_HOOK: unique symbol = Symbol.for("tsnb.mime");

export interface Bundle {
  data: MimeBundle;
  metadata: OutputMetadata;
}
/** What a value's `[MIME_HOOK]()` may return: a bundle, or just its data. */
export type MimeHookResult = Bundle | MimeBundle;

export interface MimeRenderer {
  name: string;
  test(value: unknown): boolean;
  render(value: unknown): Bundle;
}

function hasHook(value: unknown): value is { [MIME_HOOK](): MimeHookResult } {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as Record<symbol, unknown>)[MIME_HOOK] === "function"
  );
}

function normalizeHookResult(result: MimeHookResult, value: unknown): Bundle {
  const bundle =
    "data" in result &&
    typeof result.data === "object" &&
    result.data !== null &&
    !Array.isArray(result.data)
      ? (result as Bundle)
      : { data: result as MimeBundle, metadata: {} };
  const data = { ...bundle.data };
  // text/plain always (nbformat front ends fall back to it); Object.prototype inspect skips the hook.
  if (typeof data["text/plain"] !== "string") data["text/plain"] = inspectValue(value);
  return { data, metadata: bundle.metadata ?? {} };
}

/** The renderer table, in priority order; `addRenderer` inserts before a named entry. */
export const renderers: MimeRenderer[] = [
  {
    name: "mime-hook",
    test: hasHook,
    render: (value) =>
      normalizeHookResult((value as { [MIME_HOOK](): MimeHookResult })[MIME_HOOK](), value),
  },
  {
    name: "dom-element",
    test: isElement,
    render: (value) => ({ data: elementData(value as ElementLike), metadata: {} }),
  },
  // Arrays and objects are text/plain only, as in ipykernel and Deno's kernel: an
  // application/json copy would make JupyterLab show them as a collapsed JSON tree.
  {
    name: "inspect",
    test: () => true,
    render: (value) => ({ data: { "text/plain": inspectValue(value) }, metadata: {} }),
  },
];

/**
 * Registers a MIME renderer, placed before the renderer named `before` (default "inspect", the
 * catch-all text renderer; at the end when no renderer has that name).
 */
export function addRenderer(renderer: MimeRenderer, before = "inspect"): void {
  const at = renderers.findIndex((r) => r.name === before);
  renderers.splice(at < 0 ? renderers.length : at, 0, renderer);
}

/**
 * A JSON payload as a notebook can store it: NaN and ±Infinity become null (JSON has no such
 * numbers; nbformat would write a file JSON.parse rejects), bigints become numbers.
 */
export function jsonSafe(value: unknown): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value))
    return value.map((v) => (v === undefined || typeof v === "function" ? null : jsonSafe(v)));
  if (
    value &&
    typeof value === "object" &&
    typeof (value as { toJSON?: unknown }).toJSON !== "function"
  ) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      if (v !== undefined && typeof v !== "function") out[k] = jsonSafe(v);
    return out;
  }
  return value;
}

function safeBundle(bundle: Bundle): Bundle {
  const data: MimeBundle = {};
  for (const [mime, payload] of Object.entries(bundle.data))
    data[mime] = (/[/+]json$/.test(mime) ? jsonSafe(payload) : payload) as never;
  return { data, metadata: jsonSafe(bundle.metadata ?? {}) as OutputMetadata };
}

/** The display bundle of `value`: `text/plain` always, richer types where a renderer knows them. */
export function mimeBundle(value: unknown): Bundle {
  for (const renderer of renderers)
    if (renderer.test(value)) return safeBundle(renderer.render(value));
  return { data: { "text/plain": inspectValue(value) }, metadata: {} };
}
