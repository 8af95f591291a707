// Where this package's own modules are, as shipped: the TypeScript sources in a checkout (run
// through tsx), the compiled JavaScript and declarations beside them in an installed package
// (`npm pack` builds them and leaves the .ts files out). Code that names one of its own files
// by path — worker entries, the kernel's lazy imports, the cells' type information — asks here.
import { existsSync } from "node:fs";

/** True when tsnb runs from its .ts sources (a checkout), false from compiled JavaScript. */
export const fromSource = import.meta.url.endsWith(".ts");

/** The module to load for `path` (a .ts path): itself from a checkout, its .js build otherwise. */
export function moduleFile(path: string): string {
  return fromSource || existsSync(path) ? path : path.replace(/\.ts$/, ".js");
}

/** The file with the types of `path` (a .ts path): itself from a checkout, its .d.ts otherwise. */
export function typesFile(path: string): string {
  return existsSync(path) ? path : path.replace(/\.ts$/, ".d.ts");
}
