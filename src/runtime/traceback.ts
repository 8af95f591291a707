// Error → Jupyter `error` output. Stack positions in generated code are mapped back through
// the composed source map (rewrite ∘ esbuild) to the cell's own TypeScript, frames of tsnb's
// runtime and of Node internals are dropped, and the failing line is shown with a caret.
import remapping from "@jridgewell/remapping";
import { LEAST_UPPER_BOUND, TraceMap, originalPositionFor } from "@jridgewell/trace-mapping";
import { fileURLToPath } from "node:url";
import { dirname } from "node:path";
import { inspect } from "node:util";
import { CellSyntaxError } from "./errors.ts";

export interface CellRecord {
  label: string;
  source: string;
  trace?: TraceMap;
}

export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

const RUNTIME_DIR = dirname(fileURLToPath(import.meta.url));
const RED = "\x1b[31m";
const BOLD = "\x1b[1m";
const RESET = "\x1b[0m";

export function composeMaps(rewriteMap: string, transpileMap: string): TraceMap {
  const composed = remapping([JSON.parse(rewriteMap), JSON.parse(transpileMap)], () => null);
  return new TraceMap(composed as never);
}

interface Location {
  cell: CellRecord;
  line: number;
  column: number;
}

export function errorContent(
  error: unknown,
  cells: Map<string, CellRecord>,
  current?: CellRecord,
): ErrorContent {
  if (error instanceof CellSyntaxError && current) {
    const evalue = error.message;
    return {
      ename: "SyntaxError",
      evalue,
      traceback: [
        `${RED}SyntaxError${RESET}: ${evalue}`,
        `    at ${current.label}:${error.line}:${error.column}`,
        ...excerpt({ cell: current, line: error.line, column: error.column }),
      ],
    };
  }
  if (!(error instanceof Error)) {
    const evalue = inspect(error, { depth: 2 });
    return { ename: "Uncaught", evalue, traceback: [`${RED}Uncaught${RESET} ${evalue}`] };
  }
  const ename = error.name || error.constructor?.name || "Error";
  const evalue = error.message;
  const frames: string[] = [];
  let first: Location | undefined;
  let inCell = false;
  for (const raw of (error.stack ?? "").split("\n").slice(1)) {
    if (inCell && raw.includes(RUNTIME_DIR)) break; // below the cell: tsnb's caller, not the user's code
    const frame = mapFrame(raw, cells);
    if (frame === undefined) continue;
    if (frame.cell) inCell = true;
    if (frame.location && !first) first = frame.location;
    if (frame.text !== undefined) frames.push(frame.text);
  }
  const header = `${RED}${BOLD}${ename}${RESET}: ${evalue}`;
  return { ename, evalue, traceback: [header, ...frames, ...(first ? excerpt(first) : [])] };
}

const FRAME = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/;

function mapFrame(
  raw: string,
  cells: Map<string, CellRecord>,
): { text?: string; location?: Location; cell?: boolean } | undefined {
  const match = FRAME.exec(raw);
  if (!match) return raw.trim().startsWith("at ") ? undefined : { text: raw };
  const [, fn, file, lineText, columnText] = match;
  const cell = cells.get(file);
  if (cell) {
    if (!cell.trace) return { cell: true };
    const generated = { line: Number(lineText), column: Number(columnText) - 1 };
    let position = originalPositionFor(cell.trace, generated);
    // Code the rewrite added around a statement (a top-level `let` stored in the cell scope)
    // has no mapping of its own: take the next mapped column on the same generated line.
    if (position.line === null)
      position = originalPositionFor(cell.trace, { ...generated, bias: LEAST_UPPER_BOUND });
    if (position.line === null) return { cell: true }; // the wrapper around the cell
    const location = { cell, line: position.line, column: (position.column ?? 0) + 1 };
    const name = fn && !fn.startsWith("async ") ? fn : fn?.replace(/^async /, "");
    const where = `${cell.label}:${location.line}:${location.column}`;
    const shown =
      name && !name.includes("<anonymous>") && name !== "eval" ? `${name} (${where})` : where;
    return { text: `    at ${shown}`, location, cell: true };
  }
  if (file.startsWith("node:") || file.includes(RUNTIME_DIR) || file.includes("/tsx/dist/"))
    return undefined;
  if (file.startsWith("evalmachine") || file === "<anonymous>") return undefined;
  return { text: raw.replace(/^\s*/, "    ") };
}

function excerpt({ cell, line, column }: Location): string[] {
  const lines = cell.source.split("\n");
  const from = Math.max(1, line - 2);
  const width = String(Math.min(lines.length, line + 1)).length;
  const out = [""];
  for (let n = from; n <= Math.min(lines.length, line + 1); n++) {
    const marker = n === line ? `${RED}>${RESET}` : " ";
    out.push(`${marker} ${String(n).padStart(width)} | ${lines[n - 1]}`);
    if (n === line)
      out.push(`  ${" ".repeat(width)} | ${" ".repeat(Math.max(0, column - 1))}${RED}^${RESET}`);
  }
  return out;
}

/**
 * Stack traces inside printed text (an Error shown as a value, `console.log(error)`, a rejected
 * Promise): frames in cells are mapped to `cell[N]:line:column` as in tracebacks, frames of
 * tsnb's runtime and Node internals are dropped; every other line is kept as it is.
 */
export function mapStackText(text: string, cells: Map<string, CellRecord>): string {
  if (!text.includes("    at ") || (!text.includes("tsnb-cell-") && !text.includes(RUNTIME_DIR)))
    return text;
  const out: string[] = [];
  let inCell = false; // within one stack: below its cell frames, tsnb's caller begins
  let below = false;
  for (const line of text.split("\n")) {
    const indent = /^\s*/.exec(line)![0];
    if (!/^\s*at /.test(line)) {
      inCell = below = false;
      out.push(line);
      continue;
    }
    if (inCell && line.includes(RUNTIME_DIR)) below = true;
    if (below) continue;
    const frame = mapFrame(line, cells);
    if (frame?.cell) inCell = true;
    if (frame?.text !== undefined) out.push(indent + frame.text.trimStart());
  }
  return out.join("\n");
}
