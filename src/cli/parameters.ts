// Papermill's convention: `-p name=value` values are injected as a new cell, tagged
// `injected-parameters`, right after the cell tagged `parameters` (or first, if none).
// Values are checked against the parameters cell's declarations: a value for a string
// parameter stays a string as typed; a number or boolean parameter must get one, an object or
// array parameter a JSON value (else exit 2); a name the cell does not declare is injected
// with a warning, as papermill does.
import type { ICell } from "@jupyterlab/nbformat";
import { cellHasTag, newCellId } from "../notebook/cells.ts";
import { declaredParameters, givenKind, type DeclaredParameter } from "../notebook/parameters.ts";
import type { Notebook } from "../notebook/types.ts";
import { UsageError } from "./usage.ts";

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

// ECMAScript's reserved words, strict-mode and module ones included (ECMA-262 §13.1 and
// §12.7.2), plus the names a declaration cannot rebind: none can name a `const`.
const RESERVED = new Set(
  (
    "await break case catch class const continue debugger default delete do else enum export " +
    "extends false finally for function if import in instanceof new null return super switch " +
    "this throw true try typeof var void while with yield let static implements interface " +
    "package private protected public arguments eval undefined NaN Infinity"
  ).split(" "),
);

/** Parses `name=value`; the value is kept as typed until it meets its declaration. */
export function parseParameter(text: string): [string, string] {
  const at = text.indexOf("=");
  const name = at < 0 ? "" : text.slice(0, at).trim();
  if (!IDENTIFIER.test(name))
    throw new UsageError(`-p ${text}: expected name=value with a valid identifier as name`);
  if (RESERVED.has(name))
    throw new UsageError(
      `-p ${text}: "${name}" is a reserved word of JavaScript and cannot name a parameter`,
    );
  return [name, text.slice(at + 1)];
}

/** True when `value` holds a number JSON cannot carry (1e999 parses as Infinity). */
function hasNonFinite(value: unknown): boolean {
  if (typeof value === "number") return !Number.isFinite(value);
  if (Array.isArray(value)) return value.some(hasNonFinite);
  if (value !== null && typeof value === "object") return Object.values(value).some(hasNonFinite);
  return false;
}

/** The TypeScript literal for `value`: JSON when it parses (numbers, booleans, null, arrays, objects), else a string. */
export function literal(value: string, name = "value"): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return JSON.stringify(value);
  }
  if (hasNonFinite(parsed))
    throw new UsageError(
      `-p ${name}=${value}: a number out of range (beyond ±1.8e308, read as Infinity); give a finite number`,
    );
  return JSON.stringify(parsed);
}

/** The literal for `value` given its declaration: a string parameter takes the text as typed. */
export function typedLiteral(name: string, value: string, declared?: DeclaredParameter): string {
  if (declared === undefined) return literal(value, name);
  if (declared.kind === "string") {
    // `-p label='"x"'` (a JSON string) and `-p label=x` both mean the string x.
    return givenKind(value) === "string" && /^\s*"/.test(value)
      ? literal(value, name)
      : JSON.stringify(value);
  }
  if (declared.kind === "number" || declared.kind === "boolean") {
    const kind = givenKind(value);
    if (kind !== declared.kind)
      throw new UsageError(
        `-p ${name}=${value}: the parameters cell declares ${name} = ${declared.source}, a ${declared.kind}; ` +
          `"${value}" is not a ${declared.kind}`,
      );
  }
  if (needsJson(declared) && !isJson(value))
    throw new UsageError(
      `-p ${name}=${value}: the parameters cell declares ${name} = ${declared.source}; ` +
        `give it a JSON value (object keys in double quotes), e.g. -p '${name}=${jsonExample(declared.source)}'`,
    );
  return literal(value, name);
}

function isJson(value: string): boolean {
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}

/** A JSON spelling of a declaration's default, when its source is nearly JSON (unquoted keys). */
function jsonExample(source: string): string {
  const quoted = source.replace(/([{,]\s*)([A-Za-z_$][\w$]*)\s*:/g, '$1"$2":');
  try {
    return JSON.stringify(JSON.parse(quoted));
  } catch {
    return '{"key": 1}';
  }
}

export function injectParameters(
  nb: Notebook,
  parameters: Record<string, string>,
): { notebook: Notebook; warnings: string[] } {
  const names = Object.keys(parameters);
  if (names.length === 0) return { notebook: nb, warnings: [] };
  const declared = new Map(declaredParameters(nb).map((p) => [p.name, p]));
  const warnings: string[] = [];
  const cells = nb.cells.filter((cell) => !cellHasTag(cell, "injected-parameters"));
  const at = cells.findIndex((cell) => cell.cell_type === "code" && cellHasTag(cell, "parameters"));
  if (at < 0) warnings.push("no cell is tagged `parameters`: the injected parameters go first");
  else
    for (const name of names.filter((n) => !declared.has(n)))
      warnings.push(
        `-p ${name}: the parameters cell declares no ${name}` +
          (declared.size > 0 ? ` (it declares ${[...declared.keys()].join(", ")})` : "") +
          "; injected anyway",
      );
  const source = [
    "// Injected parameters (tsnb run -p)",
    ...names.map(
      (name) => `const ${name} = ${typedLiteral(name, parameters[name]!, declared.get(name))};`,
    ),
  ].join("\n");
  const injected = {
    id: newCellId(),
    cell_type: "code",
    execution_count: null,
    metadata: { tags: ["injected-parameters"] },
    outputs: [],
    source,
  } as ICell;
  cells.splice(at + 1, 0, injected);
  return { notebook: { ...nb, cells }, warnings };
}

/** Objects, arrays and expressions are set with JSON; a declaration without a default takes anything. */
const needsJson = (p: DeclaredParameter): boolean => p.kind === "other" && p.source !== "undefined";
const kindLabel = (p: DeclaredParameter): string =>
  needsJson(p) ? "JSON" : p.kind === "other" ? "any" : p.kind;

/** `tsnb run NB --help-parameters`: the declared parameters, one per line, with their help. */
export function formatParameters(file: string, parameters: DeclaredParameter[]): string {
  if (parameters.length === 0)
    return `${file} declares no parameters (no code cell is tagged "parameters").\n`;
  const width = (header: string, f: (p: DeclaredParameter) => string) =>
    Math.max(header.length, ...parameters.map((p) => f(p).length));
  const nameWidth = width("name", (p) => p.name);
  const defaultWidth = width("default", (p) => p.source);
  const kindWidth = width("type", kindLabel);
  const lines = parameters.map((p) =>
    `  ${p.name.padEnd(nameWidth)}  ${p.source.padEnd(defaultWidth)}  ${kindLabel(p).padEnd(kindWidth)}  ${p.help}`.trimEnd(),
  );
  const json = parameters.find(needsJson);
  return (
    `Parameters of ${file} (its cell tagged "parameters"), set with -p NAME=VALUE:\n` +
    `  ${"name".padEnd(nameWidth)}  ${"default".padEnd(defaultWidth)}  ${"type".padEnd(kindWidth)}  help\n` +
    lines.join("\n") +
    "\n" +
    (json
      ? `A JSON parameter takes a JSON value, e.g. -p '${json.name}=${jsonExample(json.source)}'.\n`
      : "")
  );
}
