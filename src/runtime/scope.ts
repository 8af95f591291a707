// The persistent scope of one session: an object whose properties are the names cells
// declare. Its prototype holds the globals every cell sees (the display API, `Plot`, `rng`,
// the session's console), so a cell may shadow them without losing them for good.
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
  "glue",
  "Plot",
] as const;

export type Scope = Record<string, unknown>;

export function createScope(console: Console): Scope {
  const builtins: Scope = Object.create(null);
  builtins.rng = rng;
  builtins.console = console;
  return Object.create(builtins) as Scope;
}

/** Adds the display API's globals to the scope's built-ins once the display layer is loaded. */
export function addDisplayGlobals(scope: Scope, api: Record<string, unknown>): void {
  const builtins = Object.getPrototypeOf(scope) as Scope;
  for (const name of CELL_GLOBALS) if (name in api) builtins[name] = api[name];
  if (typeof builtins.input === "function") {
    const input = builtins.input as (message: string) => Promise<string>;
    builtins.prompt = (message = "") => input(message);
  }
}

/** Creates the names a cell is about to declare, so its assignments land in the scope. */
export function declareNames(scope: Scope, names: Iterable<string>): void {
  for (const name of names) if (!Object.hasOwn(scope, name)) scope[name] = undefined;
}
