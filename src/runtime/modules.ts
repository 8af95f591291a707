// Module loading for cells: `import x from "pkg"`, `import "./local.ts"` and `import()`.
// Specifiers resolve from the notebook's folder first (its own node_modules and relative
// files), then from tsnb's own installation, so "tsnb" and its dependencies are found
// from any folder. TypeScript files load through tsx's loader, registered once per process.
import { moduleResolve } from "import-meta-resolve";
import { fromSource } from "./package-files.ts";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ModuleNotFoundError } from "./errors.ts";
import { register } from "tsx/esm/api";
import { Script, constants } from "node:vm";

const LOADER_KEY = Symbol.for("tsnb.tsx-registered");

// Node's conditions for `import`; from a checkout also "tsnb-source", so `import … from "tsnb"`
// in a cell loads the same .ts modules the runner and kernel run (package.json "exports").
const CONDITIONS = new Set(["node", "import", ...(fromSource ? ["tsnb-source"] : [])]);

function resolveSpecifier(specifier: string, parent: string): string {
  return moduleResolve(specifier, new URL(parent), CONDITIONS).href;
}

/** Registers tsx's ESM hooks once per process (bin/tsnb.js does the same). */
export function ensureTypeScriptLoader(): void {
  const holder = globalThis as { [LOADER_KEY]?: boolean };
  if (holder[LOADER_KEY]) return;
  holder[LOADER_KEY] = true;
  register();
}

// A real dynamic import through Node's own loader, out of reach of bundlers and test
// transforms that rewrite `import()`. Hosts that evaluate our modules in a vm without an
// import callback (test runners) get Node's default loader through vm instead.
type Importer = (url: string, options?: unknown) => Promise<Record<string, unknown>>;
let nativeImport: Importer = new Function(
  "url",
  "options",
  "return import(url, options)",
) as Importer;

/**
 * Module loads in flight in this thread. A load waits on the loader's hooks thread, which
 * Node does not list among the active resources a cell could be waiting for (see the
 * unsettled-await watchdog in worker-serve.ts), so loads are counted here instead.
 */
let loadsInFlight = 0;
export const pendingLoads = (): number => loadsInFlight;

/** Runs `load` counted as a module load in flight. */
export async function countedLoad<T>(load: () => Promise<T>): Promise<T> {
  loadsInFlight++;
  try {
    return await load();
  } finally {
    loadsInFlight--;
  }
}

async function importNative(url: string, options?: unknown): Promise<Record<string, unknown>> {
  try {
    return await nativeImport(url, options);
  } catch (error) {
    if ((error as { code?: string }).code !== "ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING") throw error;
    nativeImport = new Script("(url, options) => import(url, options)", {
      filename: "tsnb-import.js",
      importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    }).runInThisContext() as Importer;
    return nativeImport(url, options);
  }
}

/** Bare specifiers a cell imports as tsnb provides them rather than from disk. */
export type ModuleOverrides = Record<string, () => Promise<Record<string, unknown>>>;

export class ModuleLoader {
  readonly baseUrl: string;
  private readonly overrides: ModuleOverrides;

  constructor(notebookDir: string, overrides: ModuleOverrides = {}) {
    this.baseUrl = pathToFileURL(notebookDir.endsWith("/") ? notebookDir : notebookDir + "/").href;
    this.overrides = overrides;
  }

  resolve(specifier: string): string {
    if (specifier.startsWith("node:") || specifier.startsWith("file:")) return specifier;
    if (specifier.startsWith(".") || specifier.startsWith("/"))
      return new URL(specifier, this.baseUrl).href;
    try {
      return resolveSpecifier(specifier, this.baseUrl);
    } catch (first) {
      try {
        return resolveSpecifier(specifier, import.meta.url);
      } catch {
        if ((first as { code?: string }).code !== "ERR_MODULE_NOT_FOUND") throw first;
        // Said plainly, with the cell's import line as the only frame (not the resolver's own).
        const folder = fileURLToPath(this.baseUrl);
        throw new ModuleNotFoundError(
          `Cannot find package '${specifier}' in the notebook's folder (${folder}) or tsnb's ` +
            `installation (expected node_modules/${packageName(specifier)}: run ` +
            `npm install ${packageName(specifier)} in ${folder} or in the tsnb project)`,
        );
      }
    }
  }

  async import(specifier: string, options?: unknown): Promise<Record<string, unknown>> {
    const override = Object.hasOwn(this.overrides, specifier)
      ? this.overrides[specifier]
      : undefined;
    if (override) return override();
    ensureTypeScriptLoader();
    return countedLoad(() => importNative(this.resolve(specifier), options));
  }
}

/** "pkg" of "pkg/sub/path", "@scope/pkg" of "@scope/pkg/sub". */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}
