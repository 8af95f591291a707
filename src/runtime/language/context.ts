// The virtual module the language service reads: the declarations of the cells that ran,
// then the code being edited. Only the newest declaration of each top-level name is kept, so
// re-running `const x = …` with a new type (the Jupyter habit) shows the new type, and a name
// the current code declares again is not reported twice. Expression statements are dropped:
// they declare nothing a completion could need.
import ts from "typescript";

export interface CellContext {
  /** The full text: prelude, then the code. */
  text: string;
  /** Offset of the code inside `text`. */
  offset: number;
}

function bindingNames(name: ts.BindingName, out: string[]): void {
  if (ts.isIdentifier(name)) out.push(name.text);
  else
    for (const element of name.elements)
      if (!ts.isOmittedExpression(element)) bindingNames(element.name, out);
}

/** Top-level names a statement declares; undefined for statements that declare nothing. */
export function declaredNames(statement: ts.Statement): string[] | undefined {
  const names: string[] = [];
  if (ts.isVariableStatement(statement)) {
    for (const declaration of statement.declarationList.declarations)
      bindingNames(declaration.name, names);
  } else if (
    ts.isFunctionDeclaration(statement) ||
    ts.isClassDeclaration(statement) ||
    ts.isInterfaceDeclaration(statement) ||
    ts.isTypeAliasDeclaration(statement) ||
    ts.isEnumDeclaration(statement) ||
    ts.isModuleDeclaration(statement)
  ) {
    if (statement.name && ts.isIdentifier(statement.name)) names.push(statement.name.text);
  } else if (ts.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    if (clause?.name) names.push(clause.name.text);
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings))
      for (const element of bindings.elements) names.push(element.name.text);
  } else if (ts.isImportEqualsDeclaration(statement)) {
    names.push(statement.name.text);
  }
  return names.length > 0 ? names : undefined;
}

function parse(code: string): ts.SourceFile {
  return ts.createSourceFile("cell.ts", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

interface Kept {
  names: string[];
  text: string;
}

// Every completion request re-reads all cells that ran; each cell is parsed once.
const parsedCells = new Map<string, readonly Kept[]>();
const PARSED_CELLS_KEPT = 2000;

function declarationsOf(cell: string): readonly Kept[] {
  let entries = parsedCells.get(cell);
  if (entries === undefined) {
    const file = parse(cell);
    const found: Kept[] = [];
    for (const statement of file.statements) {
      const names = declaredNames(statement);
      if (names !== undefined)
        found.push({ names, text: cell.slice(statement.getStart(file, true), statement.end) });
    }
    entries = found;
    if (parsedCells.size >= PARSED_CELLS_KEPT) parsedCells.delete(parsedCells.keys().next().value!);
    parsedCells.set(cell, entries);
  }
  return entries;
}

export function buildContext(cells: readonly string[], code: string): CellContext {
  const kept: Kept[] = [];
  const drop = (names: readonly string[]) => {
    for (let i = kept.length - 1; i >= 0; i--) {
      if (kept[i]!.names.some((name) => names.includes(name))) kept.splice(i, 1);
    }
  };
  for (const cell of cells) {
    const entries = declarationsOf(cell);
    // Names are replaced cell by cell, so overloads and merged declarations within one cell stay together.
    drop(entries.flatMap((entry) => entry.names));
    kept.push(...entries);
  }
  const current = parse(code);
  const redeclared = current.statements.flatMap((statement) => declaredNames(statement) ?? []);
  drop(redeclared);
  const prelude = kept.map((entry) => entry.text + "\n").join("");
  // A trailing `export {}` makes the file a module, so top-level await type-checks.
  return { text: `${prelude}${code}\n;export {};\n`, offset: prelude.length };
}
