// One long-lived TypeScript LanguageService whose only changing file is the virtual cell
// module; library and package declarations are parsed once and reused across requests.
// "tsnb" is mapped to this package's own src/index.ts, so a notebook anywhere on disk sees
// the same types the runtime gives it.
import { typesFile } from "../package-files.ts";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { buildContext, type CellContext } from "./context.ts";
import { globalsDeclaration } from "./globals.ts";

const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export interface CellService {
  readonly ts: typeof ts;
  readonly service: ts.LanguageService;
  readonly fileName: string;
  /** Makes the virtual file hold `cells` + `code`; returns where `code` starts in it. */
  update(cells: readonly string[], code: string): CellContext;
}

export function compilerOptions(rootDir: string): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    // Cells run in Node: no DOM lib, so `window`, `alert` & co. are not offered (and the first
    // program builds faster); DOM types a package references still resolve through its own refs.
    lib: ["lib.es2023.d.ts"],
    types: ["node"],
    typeRoots: [join(rootDir, "node_modules/@types"), join(PACKAGE_ROOT, "node_modules/@types")],
    strict: true,
    allowJs: false,
    allowImportingTsExtensions: true,
    noEmit: true,
    esModuleInterop: true,
    skipLibCheck: true,
    resolveJsonModule: true,
    paths: {
      tsnb: [typesFile(join(PACKAGE_ROOT, "src/index.ts"))],
      // Packages the notebook folder lacks resolve from tsnb's own node_modules, as the runtime does.
      "*": [
        join(rootDir, "node_modules/*"),
        join(PACKAGE_ROOT, "node_modules/*"),
        join(PACKAGE_ROOT, "node_modules/@types/*"),
      ],
    },
  };
}

export function createCellService(rootDir: string): CellService {
  const fileName = join(rootDir, "__tsnb_cell__.ts");
  const globalsName = join(rootDir, "__tsnb_globals__.d.ts");
  const virtual = new Map<string, { text: string; version: number }>([
    [fileName, { text: "export {};\n", version: 0 }],
    [
      globalsName,
      {
        text: globalsDeclaration(typesFile(join(PACKAGE_ROOT, "src/display/index.ts"))),
        version: 0,
      },
    ],
  ]);
  const options = compilerOptions(rootDir);
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [globalsName, fileName],
    getScriptVersion: (name) => String(virtual.get(name)?.version ?? 0),
    getScriptSnapshot: (name) => {
      const text = virtual.get(name)?.text ?? ts.sys.readFile(name);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => rootDir,
    getCompilationSettings: () => options,
    getDefaultLibFileName: (settings) => ts.getDefaultLibFilePath(settings),
    fileExists: (name) => virtual.has(name) || ts.sys.fileExists(name),
    readFile: (name) => virtual.get(name)?.text ?? ts.sys.readFile(name),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    realpath: ts.sys.realpath,
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  return {
    ts,
    service,
    fileName,
    update(cells, code) {
      const context = buildContext(cells, code);
      const entry = virtual.get(fileName)!;
      if (entry.text !== context.text)
        virtual.set(fileName, { text: context.text, version: entry.version + 1 });
      return context;
    },
  };
}
