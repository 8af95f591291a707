// Turns a cell's JavaScript into a function body whose top-level declarations persist.
// The cell runs inside `with (scope)`, so names it declares at top level become properties
// of the session scope: `const x = 1` is rewritten to `(x = 1)`, imports to assignments from
// `await __tsnb.import(...)`, and the last expression statement to `return {value: …}`.
// Loops get an interrupt check (`__tsnb.tick()`), which is what lets a kernel stop a
// synchronous infinite loop. Edits go through magic-string so positions map back.
import { Parser, type Node } from "acorn";
import * as walk from "acorn-walk";
import MagicString from "magic-string";
import { CellSyntaxError } from "./errors.ts";

export const RUNTIME_NAME = "__tsnb";
export const SCOPE_NAME = "__tsnb_scope";

export interface RewrittenCell {
  code: string;
  /** Source map from `code` back to the transpiled JavaScript. */
  map: string;
  /** Names the cell declares at top level (they are created in the scope before it runs). */
  declared: string[];
  /** Functions declared at top level: hoisted into the scope when the cell starts. */
  functions: string[];
}

type AnyNode = Node & Record<string, any>;

const PREFIX = `(function (${SCOPE_NAME}, ${RUNTIME_NAME}) { with (${SCOPE_NAME}) { return (async () => {`;
const SUFFIX = `\n})(); } })`;

export function rewriteCell(js: string, filename: string): RewrittenCell {
  let program: AnyNode;
  try {
    program = Parser.parse(js, {
      ecmaVersion: "latest",
      sourceType: "module",
      allowAwaitOutsideFunction: true,
      allowReturnOutsideFunction: false,
    }) as AnyNode;
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    throw new CellSyntaxError((error as Error).message, loc?.line ?? 1, (loc?.column ?? 0) + 1);
  }
  const s = new MagicString(js);
  const declared = new Set<string>();
  const functions: string[] = [];

  instrumentNested(program, s);

  const body = program.body as AnyNode[];
  body.forEach((statement) => rewriteTopLevel(statement, s, declared, functions));

  const last = body.at(-1);
  if (last?.type === "ExpressionStatement") {
    s.prependRight(last.start, "return { value: (");
    s.appendLeft(last.expression.end, ") }");
  }
  for (const name of functions) declared.add(name);
  const hoist = functions.map((name) => `${SCOPE_NAME}.${name} = ${name};`).join(" ");
  s.prepend(PREFIX + hoist + "\n");
  s.append(SUFFIX);
  const map = s.generateMap({ hires: true, source: filename, includeContent: false });
  return { code: s.toString(), map: map.toString(), declared: [...declared], functions };
}

function rewriteTopLevel(
  node: AnyNode,
  s: MagicString,
  declared: Set<string>,
  fns: string[],
): void {
  switch (node.type) {
    case "ImportDeclaration":
      return rewriteImport(node, s, declared);
    case "VariableDeclaration":
      return rewriteVariables(node, s, declared);
    case "FunctionDeclaration":
      fns.push(node.id.name);
      return;
    case "ClassDeclaration":
      declared.add(node.id.name);
      s.prependRight(node.start, `${node.id.name} = `);
      s.appendLeft(node.end, ";");
      return;
    case "ExportNamedDeclaration":
      if (node.declaration) {
        s.remove(node.start, node.declaration.start);
        return rewriteTopLevel(node.declaration, s, declared, fns);
      }
      s.remove(node.start, node.end);
      return;
    case "ExportDefaultDeclaration":
      s.remove(node.start, node.declaration.start);
      if (node.declaration.type === "FunctionDeclaration" && node.declaration.id) {
        fns.push(node.declaration.id.name);
      }
      return;
    case "ExportAllDeclaration":
      s.remove(node.start, node.end);
      return;
  }
}

function rewriteImport(node: AnyNode, s: MagicString, declared: Set<string>): void {
  const source = JSON.stringify(node.source.value);
  const attributes = node.attributes?.length
    ? `, { with: { ${node.attributes
        .map(
          (a: AnyNode) =>
            `${JSON.stringify(a.key.name ?? a.key.value)}: ${JSON.stringify(a.value.value)}`,
        )
        .join(", ")} } }`
    : "";
  const load = `await ${RUNTIME_NAME}.import(${source}${attributes})`;
  const named: string[] = [];
  let namespace: string | undefined;
  for (const spec of node.specifiers as AnyNode[]) {
    declared.add(spec.local.name);
    if (spec.type === "ImportNamespaceSpecifier") namespace = spec.local.name;
    else if (spec.type === "ImportDefaultSpecifier") named.push(`default: ${spec.local.name}`);
    else {
      const imported =
        spec.imported.type === "Identifier"
          ? spec.imported.name
          : JSON.stringify(spec.imported.value);
      named.push(imported === spec.local.name ? imported : `${imported}: ${spec.local.name}`);
    }
  }
  let code: string;
  if (namespace && named.length)
    code = `(${namespace} = ${load}, { ${named.join(", ")} } = ${namespace});`;
  else if (namespace) code = `(${namespace} = ${load});`;
  else if (named.length) code = `({ ${named.join(", ")} } = ${load});`;
  else code = `${load};`;
  s.overwrite(node.start, node.end, code);
}

function rewriteVariables(node: AnyNode, s: MagicString, declared: Set<string>): void {
  const declarators = node.declarations as AnyNode[];
  s.remove(node.start, declarators[0].start);
  for (const d of declarators) {
    for (const name of patternNames(d.id)) declared.add(name);
    if (d.init) {
      s.prependRight(d.start, "(");
      s.appendLeft(d.end, ")");
    } else if (node.kind === "var") {
      s.overwrite(d.start, d.end, "void 0");
    } else {
      s.appendLeft(d.end, " = undefined");
    }
  }
}

export function patternNames(pattern: AnyNode): string[] {
  switch (pattern.type) {
    case "Identifier":
      return [pattern.name];
    case "ObjectPattern":
      return pattern.properties.flatMap((p: AnyNode) =>
        patternNames(p.type === "RestElement" ? p.argument : p.value),
      );
    case "ArrayPattern":
      return pattern.elements.filter(Boolean).flatMap((e: AnyNode) => patternNames(e));
    case "RestElement":
      return patternNames(pattern.argument);
    case "AssignmentPattern":
      return patternNames(pattern.left);
    default:
      return [];
  }
}

/** Interrupt checks in every loop body; `import()` and `import.meta` routed to the runtime. */
function instrumentNested(program: AnyNode, s: MagicString): void {
  const guard = `${RUNTIME_NAME}.tick();`;
  const loop = (node: AnyNode) => {
    const body = node.body as AnyNode;
    if (body.type === "BlockStatement") s.appendLeft(body.start + 1, guard);
    else {
      s.prependRight(body.start, `{${guard}`);
      s.appendLeft(body.end, "}");
    }
  };
  walk.full(program, (node: AnyNode) => {
    switch (node.type) {
      case "ForStatement":
      case "ForInStatement":
      case "ForOfStatement":
      case "WhileStatement":
      case "DoWhileStatement":
        loop(node);
        break;
      case "ImportExpression":
        s.overwrite(node.start, node.start + "import".length, `${RUNTIME_NAME}.import`, {
          contentOnly: true,
        });
        break;
      case "MetaProperty":
        if (node.meta.name === "import")
          s.overwrite(node.start, node.end, `${RUNTIME_NAME}.importMeta`, { contentOnly: true });
        break;
    }
  });
}
