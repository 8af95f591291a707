// complete_request's answer: the language service's completions at the cursor, narrowed to
// the word being typed (Jupyter replaces cursor_start..cursor_end with the chosen match), with
// a Jupyter type and, for the first few, the signature.
import type ts from "typescript";
import type { CompletionMatch, CompletionResult } from "./index.ts";
import type { CellService } from "./service.ts";

const IDENTIFIER_PART = /[\p{ID_Continue}$\u200c\u200d]/u;
const DETAILED = 25;

/** Start of the identifier that ends at `cursor`. */
export function wordStart(code: string, cursor: number): number {
  let start = cursor;
  while (start > 0 && IDENTIFIER_PART.test(code[start - 1]!)) start--;
  return start;
}

// ts.ScriptElementKind → the names Jupyter front ends show icons for (jedi's vocabulary).
const TYPES: Record<string, string> = {
  keyword: "keyword",
  module: "module",
  "external module name": "module",
  class: "class",
  "local class": "class",
  interface: "interface",
  type: "type",
  enum: "enum",
  "enum member": "property",
  function: "function",
  "local function": "function",
  method: "function",
  constructor: "function",
  property: "property",
  getter: "property",
  setter: "property",
  accessor: "property",
  var: "instance",
  let: "instance",
  const: "instance",
  "local var": "instance",
  using: "instance",
  parameter: "param",
  "type parameter": "type",
  alias: "module",
  string: "text",
  directory: "path",
  script: "path",
};

export function complete(
  cell: CellService,
  cells: readonly string[],
  code: string,
  cursor: number,
): CompletionResult {
  const context = cell.update(cells, code);
  const position = context.offset + cursor;
  const info = cell.service.getCompletionsAtPosition(cell.fileName, position, {
    includeCompletionsForModuleExports: false,
    includeCompletionsWithInsertText: false,
  });
  let start = wordStart(code, cursor);
  let end = cursor;
  if (info === undefined) return { matches: [], cursor_start: start, cursor_end: end };
  // Inside a string (module specifiers, object keys) the service says which span it replaces.
  const span =
    info.optionalReplacementSpan ??
    info.entries.find((entry) => entry.replacementSpan)?.replacementSpan;
  if (span !== undefined) {
    const spanStart = span.start - context.offset;
    const spanEnd = spanStart + span.length;
    if (spanStart >= 0 && spanStart <= cursor && spanEnd >= cursor && spanEnd <= code.length) {
      start = spanStart;
      end = spanEnd;
    }
  }
  const typed = code.slice(start, cursor);
  const lower = typed.toLowerCase();
  const entries = info.entries
    .filter((entry) => entry.kind !== "warning" && entry.name.toLowerCase().startsWith(lower))
    .sort(
      (a, b) =>
        Number(!a.name.startsWith(typed)) - Number(!b.name.startsWith(typed)) ||
        a.sortText.localeCompare(b.sortText) ||
        a.name.localeCompare(b.name),
    );
  const matches: CompletionMatch[] = entries.map((entry, index) => ({
    text: entry.name,
    type: TYPES[entry.kind] ?? entry.kind,
    signature: index < DETAILED ? signatureOf(cell, position, entry) : undefined,
  }));
  return { matches, cursor_start: start, cursor_end: end };
}

function signatureOf(
  cell: CellService,
  position: number,
  entry: ts.CompletionEntry,
): string | undefined {
  if (entry.kind === "keyword") return undefined;
  const details = cell.service.getCompletionEntryDetails(
    cell.fileName,
    position,
    entry.name,
    undefined,
    entry.source,
    undefined,
    entry.data,
  );
  return details ? cell.ts.displayPartsToString(details.displayParts) : undefined;
}
