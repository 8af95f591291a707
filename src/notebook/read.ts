// Reading .ipynb files: JSON parse with a line:column on syntax errors, then structural
// validation. Nothing is added or rewritten on read (no generated ids, sources keep their
// string / string[] form) so that writing an unchanged notebook gives the same bytes.
import { readFile } from "node:fs/promises";
import { NotebookError, fsProblem } from "./errors.ts";
import { jsonErrorPosition } from "./json-position.ts";
import type { Notebook } from "./types.ts";
import { validateNotebook } from "./validate.ts";

function lineColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  const column = position - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}

/** Parses and validates notebook JSON; `file` is only used to name it in errors. */
export function parseNotebook(text: string, file: string): Notebook {
  let value: unknown;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    value = JSON.parse(body);
  } catch (error) {
    // One line: V8 quotes the offending snippet, newlines and all.
    const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ");
    const position = jsonErrorPosition(body);
    const where = position === undefined ? "" : ` at ${lineColumn(body, position)}`;
    throw NotebookError.at({ file, expected: "valid JSON", problem: `${message}${where}` }, error);
  }
  return validateNotebook(value, file);
}

/** Reads, parses and validates the notebook at `file`. */
export async function readNotebook(file: string): Promise<Notebook> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw NotebookError.at(
      { file, expected: "a readable .ipynb file", problem: fsProblem(error) },
      error,
    );
  }
  return parseNotebook(text, file);
}
