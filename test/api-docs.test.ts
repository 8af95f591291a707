// Every function, class and constant a notebook imports from "tsnb" carries a JSDoc comment:
// the kernel's inspector (Shift+Tab) shows it, and without one a user sees a bare signature.
// The main entry points carry an @example, and every @example type-checks against the real
// signatures, as a cell importing from "tsnb" would. Read with the TypeScript compiler API.
import { resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const index = resolve(root, "src/index.ts");

// Files whose exports may stay undocumented (none: every export has a doc comment).
const ALLOWED_UNDOCUMENTED: RegExp[] = [];

/** The entry points a notebook author starts from: each shows how it is called. */
const NEED_EXAMPLE = [
  "fitCurve",
  "bootstrap",
  "heldOut",
  "fitLine",
  "computeOptimal",
  "rng",
  "runSweep",
  "readSweep",
  "display",
  "table",
  "claim",
  "Tensor",
  "add",
  "matmul",
  "crossEntropy",
  "Linear",
  "MLP",
  "Transformer",
  "Adam",
  "SGD",
  "sharpness",
  "hvp",
  "runGrokking",
];

interface Export {
  name: string;
  file: string;
  /** A value (function, class, constant) rather than a type. */
  value: boolean;
  documented: boolean;
  examples: string[];
}

function projectOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(resolve(root, "tsconfig.json"), ts.sys.readFile).config;
  return ts.parseJsonConfigFileContent(config, ts.sys, root).options;
}

function publicExports(options: ts.CompilerOptions): Export[] {
  const program = ts.createProgram([index], options);
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(index)!)!;
  const kinds = ts.SymbolFlags.Function | ts.SymbolFlags.Class | ts.SymbolFlags.Variable;
  return checker.getExportsOfModule(module).map((exported) => {
    const symbol =
      exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const doc = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
    const fileName = symbol.declarations?.[0]?.getSourceFile().fileName ?? "";
    const examples = symbol
      .getJsDocTags(checker)
      .filter((tag) => tag.name === "example")
      .map((tag) => ts.displayPartsToString(tag.text));
    return {
      name: exported.name,
      file: fileName.startsWith(root) ? fileName.slice(root.length + 1) : fileName,
      value: (symbol.flags & kinds) !== 0,
      documented: doc !== "",
      examples,
    };
  });
}

/** Type errors of each example, compiled as a cell importing the tsnb names it mentions. */
function exampleErrors(exports: Export[], options: ts.CompilerOptions): string[] {
  const sources = new Map<string, { owner: string; text: string }>();
  for (const owner of exports)
    owner.examples.forEach((code, i) => {
      const used = exports.filter((e) => new RegExp(`(?<![\\w.$])${e.name}\\b`).test(code));
      const names = used.map((e) => (e.value ? e.name : `type ${e.name}`)).join(", ");
      const text = `export {};\nimport { ${names} } from "tsnb";\n${code}\n`;
      // Inside the package, so "tsnb" resolves to its own sources (the tsnb-source condition).
      sources.set(resolve(root, `test/api-example-${owner.name}-${i}.ts`), {
        owner: owner.name,
        text,
      });
    });
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => sources.has(file) || fileExists.call(host, file);
  host.readFile = (file) => sources.get(file)?.text ?? readFile.call(host, file);
  host.getSourceFile = (file, language, ...rest) => {
    const source = sources.get(file);
    return source
      ? ts.createSourceFile(file, source.text, language)
      : getSourceFile.call(host, file, language, ...rest);
  };
  const program = ts.createProgram([...sources.keys()], options, host);
  return [...sources].flatMap(([file, { owner }]) => {
    const sourceFile = program.getSourceFile(file)!;
    return [
      ...program.getSyntacticDiagnostics(sourceFile),
      ...program.getSemanticDiagnostics(sourceFile),
    ].map((d) => `${owner} @example: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
  });
}

describe("public API documentation", () => {
  const options = projectOptions();
  const exports = publicExports(options);
  const values = exports.filter((e) => e.value);

  it("reads the exports of src/index.ts", () => {
    expect(values.length).toBeGreaterThan(300);
    expect(values.find((e) => e.name === "fitCurve")).toMatchObject({
      file: "src/fit/fitCurve.ts",
      documented: true,
    });
  });

  it("documents every exported function, class and constant outside the allow-list", () => {
    const missing = values
      .filter((e) => !e.documented && !ALLOWED_UNDOCUMENTED.some((re) => re.test(e.file)))
      .map((e) => `${e.name} (${e.file})`);
    expect(missing).toEqual([]);
  });

  it("gives the main entry points an @example", () => {
    const without = NEED_EXAMPLE.filter(
      (name) => !values.some((e) => e.name === name && e.examples.length > 0),
    );
    expect(without).toEqual([]);
  });

  it("type-checks every @example against the real signatures", () => {
    expect(values.filter((e) => e.examples.length > 0).length).toBeGreaterThanOrEqual(
      NEED_EXAMPLE.length,
    );
    expect(exampleErrors(exports, options)).toEqual([]);
  }, 120_000);
});
