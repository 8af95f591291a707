// Papermill's convention: `-p name=value` values are injected as a new cell, tagged
// `injected-parameters`, right after the cell tagged `parameters` (or first, if none).
import type { ICell } from "@jupyterlab/nbformat";
import { newCellId } from "../notebook/cells.ts";
import type { Notebook } from "../notebook/types.ts";
import { UsageError } from "./usage.ts";

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Parses `name=value`; numbers, booleans, null and JSON literals keep their type, the rest is a string. */
export function parseParameter(text: string): [string, string] {
  const at = text.indexOf("=");
  const name = at < 0 ? "" : text.slice(0, at).trim();
  if (!IDENTIFIER.test(name))
    throw new UsageError(`-p ${text}: expected name=value with a valid identifier as name`);
  return [name, text.slice(at + 1)];
}

export function literal(value: string): string {
  try {
    const parsed = JSON.parse(value);
    if (
      parsed === null ||
      ["number", "boolean", "string"].includes(typeof parsed) ||
      typeof parsed === "object"
    ) {
      return JSON.stringify(parsed);
    }
  } catch {
    // not JSON: a plain string
  }
  return JSON.stringify(value);
}

export function injectParameters(
  nb: Notebook,
  parameters: Record<string, string>,
): { notebook: Notebook; warning?: string } {
  const names = Object.keys(parameters);
  if (names.length === 0) return { notebook: nb };
  const source = [
    "// Injected parameters (tsnb run -p)",
    ...names.map((name) => `const ${name} = ${literal(parameters[name])};`),
  ].join("\n");
  const injected = {
    id: newCellId(),
    cell_type: "code",
    execution_count: null,
    metadata: { tags: ["injected-parameters"] },
    outputs: [],
    source,
  } as ICell;
  const cells = nb.cells.filter((cell) => !tagsOf(cell).includes("injected-parameters"));
  const at = cells.findIndex(
    (cell) => cell.cell_type === "code" && tagsOf(cell).includes("parameters"),
  );
  const warning =
    at < 0 ? "no cell is tagged `parameters`: the injected parameters go first" : undefined;
  cells.splice(at + 1, 0, injected);
  return { notebook: { ...nb, cells }, warning };
}

function tagsOf(cell: ICell): string[] {
  const tags = (cell.metadata as { tags?: unknown }).tags;
  return Array.isArray(tags) ? (tags as string[]) : [];
}
