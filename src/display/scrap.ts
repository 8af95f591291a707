// glue(name, value): a named JSON value recorded in a cell's outputs — papermill/scrapbook's
// "scrap" convention — so a sweep can collect each run's results without parsing prose.
// Emitted as application/vnd.tsnb.scrap+json {name, value} plus a text/plain line for readers.
import type { IOutput } from "@jupyterlab/nbformat";
import { displayDataOutput } from "./display.ts";
import { DisplayError } from "./errors.ts";
import type { Bundle } from "./mime.ts";
import { currentSink } from "./sink.ts";

/** MIME type of a `glue(name, value)` output: `{name, value}` as JSON. */
export const SCRAP_MIME = "application/vnd.tsnb.scrap+json";

export type ScrapValue =
  number | string | boolean | null | ScrapValue[] | { [key: string]: ScrapValue };

export interface Scrap {
  name: string;
  value: ScrapValue;
}

const NAME = /^[A-Za-z_][\w.-]*$/;

/** The value as JSON can store it, or the JSON path of the first part it cannot. */
function unstorable(value: unknown, path: string): string | undefined {
  if (value === null || typeof value === "string" || typeof value === "boolean") return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? undefined : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = unstorable(value[i], `${path}[${i}]`);
      if (bad) return bad;
    }
    return undefined;
  }
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, v] of Object.entries(value)) {
      const bad = unstorable(v, `${path}.${key}`);
      if (bad) return bad;
    }
    return undefined;
  }
  return path;
}

export function scrapBundle(scrap: Scrap): Bundle {
  return {
    data: {
      [SCRAP_MIME]: scrap as never,
      "text/plain": `${scrap.name} = ${JSON.stringify(scrap.value)}`,
    },
    metadata: {},
  };
}

/** Records `value` under `name` in this cell's outputs, for `tsnb sweep collect` and `readSweep`. */
export function glue(name: string, value: ScrapValue): void {
  if (typeof name !== "string" || !NAME.test(name))
    throw new DisplayError(
      `glue: name ${JSON.stringify(name)}: expected a letter or _ followed by letters, digits, _ . or -`,
      { field: "name", expected: "an identifier-like name" },
    );
  const bad = unstorable(value, "value");
  if (bad)
    throw new DisplayError(
      `glue("${name}", …): ${bad} is not storable as JSON (finite numbers, strings, booleans, null, arrays and plain objects only)`,
      { field: bad, expected: "a JSON value" },
    );
  currentSink()?.emit(displayDataOutput(scrapBundle({ name, value })));
}

/** The scrap carried by one stored output, if it is a scrap output. */
export function scrapOfOutput(output: IOutput): Scrap | undefined {
  if (output.output_type !== "display_data" && output.output_type !== "execute_result")
    return undefined;
  const data = (output.data as Record<string, unknown> | undefined)?.[SCRAP_MIME];
  const value = typeof data === "string" ? safeParse(data) : data;
  if (typeof value !== "object" || value === null) return undefined;
  const scrap = value as Record<string, unknown>;
  return typeof scrap.name === "string" && "value" in scrap
    ? { name: scrap.name, value: scrap.value as ScrapValue }
    : undefined;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
