// Type errors of the code about to run, checked against the cells that ran before it (the same
// virtual module completion reads). The kernel shows them as a warning and runs the cell anyway,
// as a dynamic language's kernel would: tslab refuses to run such a cell, Deno's kernel does not
// check at all. TypeScript's own comments silence them: `// @ts-expect-error` on the line
// above, `// @ts-nocheck` for the whole cell.
import type ts from "typescript";
import type { TypeDiagnostic } from "./index.ts";
import type { CellService } from "./service.ts";

export function diagnose(
  service: CellService,
  cells: readonly string[],
  code: string,
): TypeDiagnostic[] {
  if (/^\s*\/\/\s*@ts-nocheck\b/m.test(code)) return [];
  const context = service.update(cells, code);
  const end = context.offset + code.length;
  const found: TypeDiagnostic[] = [];
  for (const diagnostic of service.service.getSemanticDiagnostics(service.fileName)) {
    const start = diagnostic.start;
    if (start === undefined || start < context.offset || start > end) continue;
    if (diagnostic.category !== service.ts.DiagnosticCategory.Error) continue;
    const { line, column } = lineColumn(code, start - context.offset);
    found.push({
      line,
      column,
      code: diagnostic.code,
      message: firstLine(diagnostic.messageText),
    });
  }
  return found;
}

/** 1-based line and column of a UTF-16 offset in `code`. */
function lineColumn(code: string, offset: number): { line: number; column: number } {
  const before = code.slice(0, offset).split("\n");
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** A chained message's head: the rest elaborates it ("… is not assignable to …"). */
function firstLine(message: string | ts.DiagnosticMessageChain): string {
  return typeof message === "string" ? message : message.messageText;
}
