// A sweep's results as rows, one per point: its parameters, every scrap its notebook glued,
// every claim's status and measured value — read from DIR/sweep.json and the executed
// points/<id>.ipynb. `readSweep(DIR)` (from "tsnb") gives the rows to a follow-up notebook;
// `tsnb sweep collect DIR` prints them as CSV or JSON.
import { existsSync, readFileSync } from "node:fs";
import type { ICodeCell, IOutput } from "@jupyterlab/nbformat";
import { csvFormatRows } from "d3-dsv";
import { claimOfOutput } from "../display/claim-output.ts";
import { scrapOfOutput } from "../display/scrap.ts";
import { parseNotebook } from "../notebook/read.ts";
import { readManifest, refreshPoints, type PointStatus } from "./manifest.ts";
import { pointPath } from "./point-result.ts";

export type SweepCell = number | string | boolean | null | object;

/**
 * `{point, status, seconds, <parameter>…, <scrap>…, "claim.<id>", "claim.<id>.measured"…}`.
 * Parameters are parsed as JSON where they parse (numbers stay numbers); a scrap whose name
 * is also a parameter's appears as `scrap.<name>`.
 */
export type SweepRow = { point: string; status: PointStatus; seconds: number | null } & Record<
  string,
  SweepCell
>;

const parsed = (text: string): SweepCell => {
  try {
    return JSON.parse(text) as SweepCell;
  } catch {
    return text;
  }
};

function outputsOf(file: string): IOutput[] {
  if (!existsSync(file)) return [];
  const nb = parseNotebook(readFileSync(file, "utf8"), file);
  return nb.cells.flatMap((cell) =>
    cell.cell_type === "code" ? ((cell as ICodeCell).outputs as IOutput[]) : [],
  );
}

/**
 * One row per point of the sweep in DIR, in grid order: `point`, `status`, `seconds`, the
 * point's parameters, and every value its notebook recorded with `glue(name, value)`.
 * @example
 * for (const row of readSweep("sweeps/grok")) console.log(row.seed, row.status);
 */
export function readSweep(dir: string): SweepRow[] {
  const manifest = refreshPoints(dir, readManifest(dir));
  return manifest.points.map((point) => {
    const row: SweepRow = { point: point.id, status: point.status, seconds: point.seconds };
    for (const [name, value] of Object.entries(point.parameters)) row[name] = parsed(value);
    const outputs = point.status === "pending" ? [] : outputsOf(pointPath(dir, point.id, "ipynb"));
    for (const output of outputs) {
      const scrap = scrapOfOutput(output);
      if (scrap)
        row[scrap.name in point.parameters ? `scrap.${scrap.name}` : scrap.name] = scrap.value;
      const claim = claimOfOutput(output);
      if (claim) {
        row[`claim.${claim.id}`] = claim.pass ? "pass" : "fail";
        row[`claim.${claim.id}.measured`] = claim.measured;
      }
    }
    return row;
  });
}

/** Every column of `rows`, in first-seen order. */
export function sweepColumns(rows: SweepRow[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  return [...columns];
}

/** RFC 4180 CSV with a header; objects and arrays are written as JSON text. */
export function sweepCsv(rows: SweepRow[]): string {
  const columns = sweepColumns(rows);
  const cell = (value: SweepCell | undefined) =>
    value === undefined || value === null
      ? ""
      : typeof value === "object"
        ? JSON.stringify(value)
        : String(value);
  return csvFormatRows([columns, ...rows.map((row) => columns.map((c) => cell(row[c])))]) + "\n";
}
