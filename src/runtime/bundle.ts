// The display layer as the runtime sees it. It is loaded in the background when a session
// starts (Plot and its server DOM take a few hundred milliseconds), so creating a session
// stays fast and the first cell waits only for what is left of that load.
import { inspect } from "node:util";
import { countedLoad } from "./modules.ts";

export type DisplayApi = Record<string, unknown>;
type Bundle = { data: Record<string, unknown>; metadata: Record<string, unknown> };

let loading: Promise<DisplayApi> | undefined;

export function loadDisplayApi(): Promise<DisplayApi> {
  loading ??= countedLoad(() => import("../display/index.ts") as Promise<DisplayApi>);
  return loading;
}

/** True for values that already displayed themselves (a `claim(...)` returns its claim). */
export function displayedAlready(api: DisplayApi, value: unknown): boolean {
  const check = api.wasDisplayed;
  return typeof check === "function" && (check as (v: unknown) => boolean)(value);
}

/** The value's MIME bundle from the display layer's renderers, else Node's inspection. */
export function mimeBundleOf(api: DisplayApi, value: unknown): Bundle {
  const render = api.mimeBundle;
  if (typeof render === "function") return render(value) as Bundle;
  return {
    data: { "text/plain": inspect(value, { depth: 4, maxArrayLength: 100, breakLength: 100 }) },
    metadata: {},
  };
}
