// The MIME bundle of a cell's value: the display layer's renderer table when it offers one,
// else Node's inspection as text/plain.
import { inspect } from "node:util";
import * as displayApi from "../display/index.ts";

type Bundle = { data: Record<string, unknown>; metadata: Record<string, unknown> };

/** True for values that already displayed themselves (a `claim(...)` returns its claim). */
export function displayedAlready(value: unknown): boolean {
  const check = (displayApi as Record<string, unknown>).wasDisplayed;
  return typeof check === "function" && (check as (v: unknown) => boolean)(value);
}

export function mimeBundleOf(value: unknown): Bundle {
  const render = (displayApi as Record<string, unknown>).mimeBundle;
  if (typeof render === "function") return render(value) as Bundle;
  return { data: { "text/plain": inspect(value, { depth: 4, maxArrayLength: 100, breakLength: 100 }) }, metadata: {} };
}
