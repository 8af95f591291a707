// The parameters a notebook declares: the top-level `const`/`let` declarations of its cell
// tagged `parameters` (papermill's convention), with their default, its kind and the comment
// that documents them. `tsnb run` checks `-p` values against them and lists them
// (`--help-parameters`, like papermill's `--help-notebook`); the site shows them on each page.
// Read with TypeScript's own parser, so typed declarations (`const n: number = 5`) parse too.
import ts from "typescript";
import { cellHasTag, sourceText } from "./cells.ts";
import type { Notebook } from "./types.ts";

export type ParameterKind = "number" | "string" | "boolean" | "null" | "other";

export interface DeclaredParameter {
  name: string;
  /** The default as written in the cell, e.g. `1`, `"abc"`, `[1, 2]`. */
  source: string;
  kind: ParameterKind;
  /** The `//` comment lines just above the declaration, or the comment after it on its line. */
  help: string;
}

/** The declarations of the first code cell tagged `parameters`; none if there is no such cell. */
export function declaredParameters(nb: Pick<Notebook, "cells">): DeclaredParameter[] {
  const cell = nb.cells.find((c) => c.cell_type === "code" && cellHasTag(c, "parameters"));
  return cell ? parametersOf(sourceText(cell)) : [];
}

/** The top-level variable declarations of a cell's source, in order. */
export function parametersOf(source: string): DeclaredParameter[] {
  const file = ts.createSourceFile("parameters.ts", source, ts.ScriptTarget.Latest, true);
  const found: DeclaredParameter[] = [];
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name)) continue;
      const init = declaration.initializer;
      found.push({
        name: declaration.name.text,
        source: init ? init.getText(file) : "undefined",
        kind: init ? kindOf(init) : "other",
        help: helpOf(source, statement),
      });
    }
  }
  return found;
}

/** The JavaScript type of `-p`'s value as tsnb run reads it (JSON when it parses, else a string). */
export function givenKind(value: string): ParameterKind {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return "string";
  }
  if (parsed === null) return "null";
  const type = typeof parsed;
  return type === "number" || type === "string" || type === "boolean" ? type : "other";
}

function kindOf(node: ts.Expression): ParameterKind {
  while (
    ts.isParenthesizedExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isSatisfiesExpression(node)
  )
    node = node.expression;
  if (ts.isNumericLiteral(node)) return "number";
  if (ts.isPrefixUnaryExpression(node) && ts.isNumericLiteral(node.operand)) return "number";
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return "string";
  if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword)
    return "boolean";
  if (node.kind === ts.SyntaxKind.NullKeyword) return "null";
  return "other";
}

function helpOf(source: string, statement: ts.Statement): string {
  const lineComments = (ranges: ts.CommentRange[] | undefined) =>
    (ranges ?? []).filter((r) => r.kind === ts.SyntaxKind.SingleLineCommentTrivia);
  // The comment block directly above: no blank line between it and the declaration.
  const above: string[] = [];
  let next = statement.getStart();
  for (const range of lineComments(
    ts.getLeadingCommentRanges(source, statement.getFullStart()),
  ).reverse()) {
    if ((source.slice(range.end, next).match(/\n/g) ?? []).length > 1) break;
    above.unshift(source.slice(range.pos + 2, range.end).trim());
    next = range.pos;
  }
  if (above.length > 0) return above.join(" ");
  return lineComments(ts.getTrailingCommentRanges(source, statement.getEnd()))
    .map((r) => source.slice(r.pos + 2, r.end).trim())
    .join(" ");
}
