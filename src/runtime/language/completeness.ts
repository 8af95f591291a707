// is_complete_request's answer for console front ends: scan the code with the TypeScript
// scanner, tracking open brackets and template literals. Open brackets, an open template or
// block comment, or a parse error at the very end (`const x =`) mean "incomplete"; a
// bracket closed that was never opened or an error before the end means "invalid".
import ts from "typescript";
import type { CompletenessResult } from "./index.ts";

const OPENERS = new Map([
  [ts.SyntaxKind.OpenParenToken, ts.SyntaxKind.CloseParenToken],
  [ts.SyntaxKind.OpenBracketToken, ts.SyntaxKind.CloseBracketToken],
  [ts.SyntaxKind.OpenBraceToken, ts.SyntaxKind.CloseBraceToken],
]);
const TEMPLATE = -1;
const INDENT = "  ";

// After these a `/` is division; elsewhere it starts a regular expression literal.
const VALUE_ENDS = new Set([
  ts.SyntaxKind.Identifier,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.CloseParenToken,
  ts.SyntaxKind.CloseBracketToken,
  ts.SyntaxKind.CloseBraceToken,
  ts.SyntaxKind.ThisKeyword,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateTail,
]);

type Scan = { open: number } | { broken: "incomplete" | "invalid" };

function scanBrackets(code: string): Scan {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, code);
  const stack: number[] = [];
  let previous = ts.SyntaxKind.Unknown;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (
      (token === ts.SyntaxKind.SlashToken || token === ts.SyntaxKind.SlashEqualsToken) &&
      !VALUE_ENDS.has(previous)
    ) {
      token = scanner.reScanSlashToken();
    }
    if (token === ts.SyntaxKind.CloseBraceToken && stack.at(-1) === TEMPLATE) {
      token = scanner.reScanTemplateToken(false);
      if (token === ts.SyntaxKind.TemplateTail) stack.pop();
    } else if (OPENERS.has(token)) {
      stack.push(OPENERS.get(token)!);
    } else if (token === ts.SyntaxKind.TemplateHead) {
      stack.push(TEMPLATE);
    } else if (
      token === ts.SyntaxKind.CloseParenToken ||
      token === ts.SyntaxKind.CloseBracketToken ||
      token === ts.SyntaxKind.CloseBraceToken
    ) {
      if (stack.pop() !== token) return { broken: "invalid" };
    }
    if (scanner.isUnterminated()) {
      const templateLike =
        token === ts.SyntaxKind.NoSubstitutionTemplateLiteral ||
        token === ts.SyntaxKind.TemplateTail ||
        token === ts.SyntaxKind.TemplateHead;
      // A multi-line comment left open is unterminated trivia, seen through the text's end.
      return { broken: templateLike ? "incomplete" : "invalid" };
    }
    previous = token;
  }
  return { open: stack.length };
}

function endsInOpenComment(code: string): boolean {
  const scanner = ts.createScanner(
    ts.ScriptTarget.Latest,
    false,
    ts.LanguageVariant.Standard,
    code,
  );
  let last = ts.SyntaxKind.Unknown;
  let unterminated = false;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    last = token;
    unterminated = scanner.isUnterminated();
  }
  return last === ts.SyntaxKind.MultiLineCommentTrivia && unterminated;
}

export function checkComplete(code: string): CompletenessResult {
  if (code.trim() === "") return { status: "complete" };
  if (endsInOpenComment(code)) return { status: "incomplete", indent: "" };
  const scan = scanBrackets(code);
  if ("broken" in scan)
    return scan.broken === "incomplete"
      ? { status: "incomplete", indent: "" }
      : { status: "invalid" };
  if (scan.open > 0) return { status: "incomplete", indent: INDENT.repeat(scan.open) };
  const file = ts.createSourceFile(
    "cell.ts",
    code,
    ts.ScriptTarget.Latest,
    false,
    ts.ScriptKind.TS,
  );
  const diagnostics = (file as unknown as { parseDiagnostics: readonly ts.Diagnostic[] })
    .parseDiagnostics;
  if (diagnostics.length === 0) return { status: "complete" };
  // An error found only at the end of the text (`const x =`, `if (ok)`) wants more input.
  const end = code.trimEnd().length;
  return diagnostics.every((diagnostic) => (diagnostic.start ?? 0) >= end)
    ? { status: "incomplete", indent: "" }
    : { status: "invalid" };
}
