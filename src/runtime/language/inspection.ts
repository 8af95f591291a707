// inspect_request's answer: what the editor's hover shows — the type signature and the doc
// comment (with @param/@returns tags) of the name at the cursor, or of the function whose
// call the cursor is inside. detail_level 1 adds the declaration's source text.
import type ts from "typescript";
import type { InspectionResult } from "./index.ts";
import type { CellService } from "./service.ts";

const SOURCE_LINES = 40;

interface Tag {
  name: string;
  text: string;
}

function tagList(cell: CellService, tags: readonly ts.JSDocTagInfo[] | undefined): Tag[] {
  return (tags ?? []).map((tag) => ({
    name: tag.name,
    text: tag.text ? cell.ts.displayPartsToString(tag.text) : "",
  }));
}

/** An @example's code without the ``` fences a doc comment may already wrap it in. */
function exampleCode(text: string): string {
  return text
    .replace(/^\s*```[a-z]*\n?/i, "")
    .replace(/\n?```\s*$/, "")
    .trim();
}

/** Tags as plain text: an @example's code on lines of its own, other tags on one line. */
function tagsPlain(tags: readonly Tag[]): string {
  return tags
    .map((tag) =>
      tag.name === "example"
        ? `Example:\n${exampleCode(tag.text)}`
        : `@${tag.name}${tag.text ? " " + tag.text : ""}`,
    )
    .join("\n");
}

/** Tags as markdown: parameters as a list, an @example as a TypeScript code block. */
function tagsMarkdown(tags: readonly Tag[]): string {
  const params = tags.filter((tag) => tag.name === "param");
  const parts: string[] = [];
  if (params.length > 0)
    parts.push(
      params
        .map((tag) => {
          const [name, ...rest] = tag.text.split(/\s+/);
          const text = rest.join(" ").replace(/^[-–—]\s*/, "");
          return `- \`${name}\`${text ? ` — ${text}` : ""}`;
        })
        .join("\n"),
    );
  for (const tag of tags) {
    if (tag.name === "param") continue;
    if (tag.name === "example")
      parts.push("**Example**\n\n```typescript\n" + exampleCode(tag.text) + "\n```");
    else if (tag.name === "returns" || tag.name === "return") parts.push(`**Returns** ${tag.text}`);
    else if (tag.name === "throws") parts.push(`**Throws** ${tag.text}`);
    else parts.push(`*@${tag.name}*${tag.text ? " " + tag.text : ""}`);
  }
  return parts.join("\n\n");
}

interface Found {
  signature: string;
  documentation: string;
  tags: Tag[];
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
    tags: tagList(cell, info.tags),
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
    tags: tagList(cell, item.tags),
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
  const source = detail_level === 1 ? declarationSource(cell, found.position) : undefined;
  const plain = [
    found.signature,
    found.documentation,
    tagsPlain(found.tags),
    source ? `Source:\n${source}` : "",
  ]
    .filter((part) => part !== "")
    .join("\n\n");
  const markdown = [
    "```typescript\n" + found.signature + "\n```",
    found.documentation,
    tagsMarkdown(found.tags),
    source ? "**Source**\n\n```typescript\n" + source + "\n```" : "",
  ]
    .filter((part) => part !== "")
    .join("\n\n");
  return { found: true, data: { "text/plain": plain, "text/markdown": markdown } };
}
