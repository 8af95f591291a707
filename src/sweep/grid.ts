// A sweep's grid: the Cartesian product of `-p name=v1,v2,…` axes, or the rows of a JSON/CSV
// file, as point parameters in `tsnb run -p` form (name → text). Checked against the notebook's
// parameters cell before any point runs: an unknown name or a value of the wrong type is an error.
import { readFileSync } from "node:fs";
import { csvParse } from "d3-dsv";
import type { DeclaredParameter } from "../notebook/parameters.ts";
import { typedLiteral } from "../cli/parameters.ts";
import { SweepError } from "./errors.ts";

export type PointParameters = Record<string, string>;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Splits `a,[1,2],{"k":3},"x,y"` at the commas outside brackets, braces and quotes. */
export function splitValues(text: string): string[] {
  const values: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") depth--;
    else if (c === "," && depth === 0) {
      values.push(text.slice(start, i));
      start = i + 1;
    }
  }
  values.push(text.slice(start));
  return values.map((v) => v.trim()).filter((v) => v !== "");
}

/** `name=v1,v2` → [name, [v1, v2]]. */
export function parseAxis(text: string): [string, string[]] {
  const at = text.indexOf("=");
  const name = at < 0 ? "" : text.slice(0, at).trim();
  if (!IDENTIFIER.test(name))
    throw new SweepError(
      "bad-grid",
      `-p ${text}: expected name=v1,v2,… with an identifier as name`,
    );
  const values = splitValues(text.slice(at + 1));
  if (values.length === 0) throw new SweepError("empty-grid", `-p ${text}: no values for ${name}`);
  return [name, values];
}

/** Every combination of the axes' values, the first axis varying slowest. */
export function gridProduct(axes: [string, string[]][]): PointParameters[] {
  let points: PointParameters[] = [{}];
  for (const [name, values] of axes)
    points = points.flatMap((point) => values.map((value) => ({ ...point, [name]: value })));
  return axes.length === 0 ? [] : points;
}

const asText = (value: unknown): string =>
  typeof value === "string" ? value : JSON.stringify(value);

/**
 * A grid file: CSV with a header row (one point per row), or JSON — an array of objects (one
 * point each) or an object of arrays (their product).
 */
export function readGridFile(file: string): PointParameters[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new SweepError("bad-grid", `--grid ${file}: ${(error as Error).message}`, file);
  }
  if (/\.csv$/i.test(file))
    return csvParse(text).map((row) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v ?? ""])),
    );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SweepError(
      "bad-grid",
      `--grid ${file}: not JSON (${(error as Error).message})`,
      file,
    );
  }
  if (
    Array.isArray(json) &&
    json.every((row) => typeof row === "object" && row && !Array.isArray(row))
  )
    return json.map((row) =>
      Object.fromEntries(Object.entries(row as object).map(([k, v]) => [k, asText(v)])),
    );
  if (
    typeof json === "object" &&
    json &&
    !Array.isArray(json) &&
    Object.values(json).every(Array.isArray)
  )
    return gridProduct(
      Object.entries(json as Record<string, unknown[]>).map(([k, vs]) => [k, vs.map(asText)]),
    );
  throw new SweepError(
    "bad-grid",
    `--grid ${file}: expected an array of objects (one per point) or an object of arrays (their product)`,
    file,
  );
}

/** Checks every point against the notebook's declared parameters; throws the first problem. */
export function checkGrid(
  points: PointParameters[],
  declared: DeclaredParameter[],
  notebook: string,
): void {
  if (points.length === 0)
    throw new SweepError(
      "empty-grid",
      "the grid has no points (give -p name=v1,v2 or --grid FILE)",
      notebook,
    );
  const byName = new Map(declared.map((p) => [p.name, p]));
  for (const point of points)
    for (const [name, value] of Object.entries(point)) {
      const declaration = byName.get(name);
      if (!declaration)
        throw new SweepError(
          "unknown-parameter",
          `${notebook} declares no parameter "${name}"` +
            (byName.size
              ? ` (it declares ${[...byName.keys()].join(", ")})`
              : " (no cell is tagged parameters)"),
          notebook,
        );
      try {
        typedLiteral(name, value, declaration);
      } catch (error) {
        throw new SweepError("wrong-type", (error as Error).message, notebook);
      }
    }
}
