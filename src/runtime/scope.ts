// The persistent scope of one session: an object whose properties are the names cells
// declare. Its prototype holds the globals every cell sees (the display API, `Plot`, `rng`,
// the session's console), so a cell may shadow them without losing them for good.
import * as displayApi from "../display/index.ts";
import { rng } from "./rng.ts";

export const CELL_GLOBALS = [
  "display",
  "md",
  "tex",
  "html",
  "table",
  "progress",
  "clearOutput",
  "input",
  "claim",
  "Plot",
] as const;

export type Scope = Record<string, unknown>;

export function createScope(console: Console): Scope {
  const api = displayApi as Record<string, unknown>;
  const builtins: Scope = Object.create(null);
  for (const name of CELL_GLOBALS) if (name in api) builtins[name] = api[name];
  if (typeof builtins.input === "function") {
    const input = builtins.input as (message: string) => Promise<string>;
    builtins.prompt = (message = "") => input(message);
  }
  builtins.rng = rng;
  builtins.console = console;
  return Object.create(builtins) as Scope;
}

/** Creates the names a cell is about to declare, so its assignments land in the scope. */
export function declareNames(scope: Scope, names: Iterable<string>): void {
  for (const name of names) if (!Object.hasOwn(scope, name)) scope[name] = undefined;
}
