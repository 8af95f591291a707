// `display(value, {id})` and `display.update(id, value)`: the Jupyter display_data /
// update_display_data pair (messaging spec, "Display Data" and "Update Display Data"),
// written to whatever sink the runtime installed; without a sink they do nothing.
import type { IOutput } from "@jupyterlab/nbformat";
import { mimeBundle, type Bundle } from "./mime.ts";
import { currentSink } from "./sink.ts";

/** The display_data output of `bundle`; with `displayId`, updatable (kept in `transient`). */
export function displayDataOutput(bundle: Bundle, displayId?: string): IOutput {
  const output = { output_type: "display_data", data: bundle.data, metadata: bundle.metadata };
  return (
    displayId === undefined ? output : { ...output, transient: { display_id: displayId } }
  ) as IOutput;
}

/**
 * Marks a value that already displayed itself (a returned claim): a front end may skip the
 * execute_result of a cell whose last expression is such a value, as IPython does for None.
 */
export const DISPLAYED: unique symbol = Symbol.for("tsnb.displayed");

/** Marks `value` (in place, non-enumerably) as already displayed, so a cell ending in it shows no execute_result; returns it. */
export function markDisplayed<T extends object>(value: T): T {
  return Object.defineProperty(value, DISPLAYED, { value: true, enumerable: false });
}

/** True for values returned by claim() (and anything else marked with `markDisplayed`). */
export function wasDisplayed(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<symbol, unknown>)[DISPLAYED] === true
  );
}

export interface DisplayOptions {
  /** A display id: later `display.update(id, …)` calls replace this output in place. */
  id?: string;
}

function show(value: unknown, options: DisplayOptions = {}): void {
  const sink = currentSink();
  if (!sink) return;
  sink.emit(displayDataOutput(mimeBundle(value), options.id));
}

function update(id: string, value: unknown): void {
  const sink = currentSink();
  if (!sink) return;
  const { data, metadata } = mimeBundle(value);
  sink.update(id, data, metadata);
}

export interface Display {
  (value: unknown, options?: DisplayOptions): void;
  /** Replaces every output shown with `display(…, {id})` by the bundle of `value`. */
  update(id: string, value: unknown): void;
}

/**
 * Shows `value` as a display_data output of the running cell (its MIME bundle: Plot figures,
 * tables, markup, tensors, or text). With `{id}`, `display.update(id, value)` later replaces it in
 * place. Outside a running cell (no output sink) it does nothing.
 * @example
 * display(table([{ n: 1, loss: 0.5 }]), { id: "progress" });
 * display.update("progress", table([{ n: 2, loss: 0.4 }]));
 */
export const display: Display = Object.assign(show, { update });
