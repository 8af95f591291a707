// Structural validation of nbformat 4.x (schema: nbformat/v4/nbformat.v4.5.schema.json).
// Hand-written rather than a JSON-schema engine so every failure names the file, the
// cell index and the field in one actionable line; checks are tables keyed by
// `cell_type` / `output_type`, as the schema's `oneOf` branches are.
import { NotebookError } from "./errors.ts";
import { validateTsnbMetadata } from "./metadata.ts";
import type { Notebook } from "./types.ts";

type Json = Record<string, unknown>;
interface Where {
  file: string;
  cell?: number;
  cellId?: string;
}
type Check = (value: Json, where: Where, prefix: string) => void;

const CELL_ID = /^[a-zA-Z0-9-_]+$/;

function fail(where: Where, field: string, expected: string, problem?: string): never {
  throw NotebookError.at({ ...where, field, expected, ...(problem ? { problem } : {}) });
}

function describe(value: unknown): string {
  if (value === null) return "got null";
  if (Array.isArray(value)) return "got an array";
  return `got ${typeof value}`;
}

const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isMultiline = (v: unknown) =>
  typeof v === "string" || (Array.isArray(v) && v.every((s) => typeof s === "string"));

function object(value: Json, key: string, where: Where, prefix: string): Json {
  const v = value[key];
  if (!isObject(v)) fail(where, prefix + key, "an object", describe(v));
  return v;
}
function string(value: Json, key: string, where: Where, prefix: string): void {
  if (typeof value[key] !== "string") fail(where, prefix + key, "a string", describe(value[key]));
}
function multiline(value: Json, key: string, where: Where, prefix: string): void {
  if (!isMultiline(value[key]))
    fail(where, prefix + key, "string or string[]", describe(value[key]));
}
function executionCount(value: Json, key: string, where: Where, prefix: string): void {
  const v = value[key];
  const ok = v === null || (typeof v === "number" && Number.isInteger(v) && v >= 0);
  if (!ok) fail(where, prefix + key, "a non-negative integer or null", describe(v));
}
function mimeBundle(value: Json, key: string, where: Where, prefix: string): void {
  const bundle = object(value, key, where, prefix);
  for (const [mime, data] of Object.entries(bundle)) {
    // nbformat: JSON mime types hold any JSON; every other type holds text.
    if (/[/+]json$/.test(mime)) continue;
    if (!isMultiline(data))
      fail(where, `${prefix}${key}["${mime}"]`, "string or string[]", describe(data));
  }
}

const outputChecks: Record<string, Check> = {
  execute_result(o, w, p) {
    executionCount(o, "execution_count", w, p);
    mimeBundle(o, "data", w, p);
    object(o, "metadata", w, p);
  },
  display_data(o, w, p) {
    mimeBundle(o, "data", w, p);
    object(o, "metadata", w, p);
  },
  stream(o, w, p) {
    string(o, "name", w, p);
    multiline(o, "text", w, p);
  },
  error(o, w, p) {
    string(o, "ename", w, p);
    string(o, "evalue", w, p);
    const tb = o.traceback;
    if (!Array.isArray(tb) || !tb.every((s) => typeof s === "string"))
      fail(w, p + "traceback", "string[]", describe(tb));
  },
};

function attachments(cell: Json, where: Where): void {
  if (cell.attachments === undefined) return;
  const all = object(cell, "attachments", where, "");
  for (const name of Object.keys(all)) mimeBundle(all, name, where, "attachments.");
}

const cellChecks: Record<string, Check> = {
  markdown: (cell, where) => attachments(cell, where),
  raw: (cell, where) => attachments(cell, where),
  code(cell, where) {
    executionCount(cell, "execution_count", where, "");
    const outputs = cell.outputs;
    if (!Array.isArray(outputs)) fail(where, "outputs", "an array", describe(outputs));
    outputs.forEach((output, i) => {
      const prefix = `outputs[${i}].`;
      if (!isObject(output)) fail(where, `outputs[${i}]`, "an object", describe(output));
      const type = output.output_type;
      const check = typeof type === "string" ? outputChecks[type] : undefined;
      if (!check)
        fail(
          where,
          prefix + "output_type",
          `one of ${Object.keys(outputChecks).join(", ")}`,
          `got ${JSON.stringify(type)}`,
        );
      check(output, where, prefix);
    });
  },
};

function validateCell(
  cell: unknown,
  index: number,
  file: string,
  minor: number,
  seen: Map<string, number>,
): void {
  const where: Where = { file, cell: index };
  if (!isObject(cell)) fail(where, "cell", "an object", describe(cell));
  if (typeof cell.id === "string" && CELL_ID.test(cell.id)) where.cellId = cell.id;
  const type = cell.cell_type;
  const check = typeof type === "string" ? cellChecks[type] : undefined;
  if (!check)
    fail(
      where,
      "cell_type",
      `one of ${Object.keys(cellChecks).join(", ")}`,
      `got ${JSON.stringify(type)}`,
    );
  if (cell.id !== undefined || minor >= 5) {
    const id = cell.id;
    if (typeof id !== "string" || !CELL_ID.test(id) || id.length > 64) {
      fail(
        where,
        "id",
        "1-64 characters of [a-zA-Z0-9-_] (required since nbformat 4.5)",
        id === undefined ? "missing" : `got ${JSON.stringify(id)}`,
      );
    }
    const first = seen.get(id);
    if (first !== undefined)
      fail(where, "id", "an id unique in the notebook", `cell ${first} has the same id`);
    seen.set(id, index);
  }
  object(cell, "metadata", where, "");
  multiline(cell, "source", where, "");
  check(cell, where, "");
}

/** Checks that `value` (parsed JSON) is an nbformat 4.x notebook; returns it typed. */
export function validateNotebook(value: unknown, file: string): Notebook {
  const where: Where = { file };
  if (!isObject(value)) fail(where, "(top level)", "a JSON object", describe(value));
  if (value.nbformat !== 4) fail(where, "nbformat", "4", `got ${JSON.stringify(value.nbformat)}`);
  const minor = value.nbformat_minor;
  if (typeof minor !== "number" || !Number.isInteger(minor) || minor < 0) {
    fail(where, "nbformat_minor", "a non-negative integer", describe(minor));
  }
  const metadata = object(value, "metadata", where, "");
  if (metadata.kernelspec !== undefined) {
    const ks = object(metadata, "kernelspec", where, "metadata.");
    string(ks, "name", where, "metadata.kernelspec.");
    string(ks, "display_name", where, "metadata.kernelspec.");
  }
  if (metadata.language_info !== undefined) {
    string(
      object(metadata, "language_info", where, "metadata."),
      "name",
      where,
      "metadata.language_info.",
    );
  }
  validateTsnbMetadata(metadata, file);
  const cells = value.cells;
  if (!Array.isArray(cells)) fail(where, "cells", "an array", describe(cells));
  const seen = new Map<string, number>();
  cells.forEach((cell, i) => validateCell(cell, i, file, minor, seen));
  return value as unknown as Notebook;
}
