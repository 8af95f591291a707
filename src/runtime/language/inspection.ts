// inspect_request's answer: what the editor's hover shows — the type signature and the doc
// comment (with @param/@returns tags) of the name at the cursor, or of the function whose
// call the cursor is inside. detail_level 1 adds the declaration's source text.
import type ts from "typescript";
import type { InspectionResult } from "./index.ts";
import type { CellService } from "./service.ts";

const SOURCE_LINES = 40;

function tagsText(cell: CellService, tags: readonly ts.JSDocTagInfo[] | undefined): string {
  return (tags ?? [])
    .map((tag) => `@${tag.name}${tag.text ? " " + cell.ts.displayPartsToString(tag.text) : ""}`)
    .join("\n");
}

interface Found {
  signature: string;
  documentation: string;
  tags: string;
  /** Where the service looked it up, for detail_level 1. */
  position: number;
}

function quickInfo(cell: CellService, position: number): Found | undefined {
  const info = cell.service.getQuickInfoAtPosition(cell.fileName, position);
  // An unresolved name comes back as kind "" with type `any`: that is "not found", not a type.
  if (info === undefined || info.displayParts === undefined || info.kind === "") return undefined;
  return {
    signature: cell.ts.displayPartsToString(info.displayParts),
    documentation: cell.ts.displayPartsToString(info.documentation),
    tags: tagsText(cell, info.tags),
    position,
  };
}

function callInfo(cell: CellService, position: number): Found | undefined {
  const help = cell.service.getSignatureHelpItems(cell.fileName, position, undefined);
  const item = help?.items[help.selectedItemIndex];
  if (help === undefined || item === undefined) return undefined;
  const text = (parts: readonly ts.SymbolDisplayPart[]) =>
    cell.ts.displayPartsToString(parts as ts.SymbolDisplayPart[]);
  const signature =
    text(item.prefixDisplayParts) +
    item.parameters
      .map((parameter) => text(parameter.displayParts))
      .join(text(item.separatorDisplayParts)) +
    text(item.suffixDisplayParts);
  return {
    signature,
    documentation: text(item.documentation),
    tags: tagsText(cell, item.tags),
    position: help.applicableSpan.start - 1,
  };
}

function declarationSource(cell: CellService, position: number): string | undefined {
  const definition = cell.service.getDefinitionAtPosition(cell.fileName, position)?.[0];
  if (definition === undefined) return undefined;
  const program = cell.service.getProgram();
  const file = program?.getSourceFile(definition.fileName);
  if (file === undefined) return undefined;
  const span = definition.contextSpan ?? definition.textSpan;
  const lines = file.text.slice(span.start, span.start + span.length).split("\n");
  const shown = lines.slice(0, SOURCE_LINES).join("\n");
  return lines.length > SOURCE_LINES
    ? `${shown}\n// … ${lines.length - SOURCE_LINES} more lines`
    : shown;
}

export function inspect(
  cell: CellService,
  cells: readonly string[],
  code: string,
  cursor: number,
  detail_level: 0 | 1,
): InspectionResult {
  const context = cell.update(cells, code);
  const position = context.offset + cursor;
  // At the end of a name the cursor sits just after it: look one character back too.
  const found =
    quickInfo(cell, position) ??
    (cursor > 0 ? quickInfo(cell, position - 1) : undefined) ??
    callInfo(cell, position);
  if (found === undefined) return { found: false, data: {} };
  const doc = [found.documentation, found.tags].filter((part) => part !== "").join("\n\n");
  const source = detail_level === 1 ? declarationSource(cell, found.position) : undefined;
  const plain = [found.signature, doc, source ? `Source:\n${source}` : ""]
    .filter((part) => part !== "")
    .join("\n\n");
  const markdown = [
    "```typescript\n" + found.signature + "\n```",
    doc,
    source ? "**Source**\n\n```typescript\n" + source + "\n```" : "",
  ]
    .filter((part) => part !== "")
    .join("\n\n");
  return { found: true, data: { "text/plain": plain, "text/markdown": markdown } };
}
