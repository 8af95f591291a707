// The declarations the language service sees for what every cell has as globals (the runtime
// injects them): their types are taken from the "tsnb" package itself, so completion and
// inspection show the real signatures and doc comments. A name the package does not (yet)
// export falls back to a permissive function type instead of breaking the whole file.
import { CELL_GLOBALS } from "../scope.ts";

/** The globals typed from tsnb's display surface (Plot is declared on its own, below). */
const DISPLAY_GLOBALS = CELL_GLOBALS.filter((name) => name !== "Plot");

/**
 * `displayModule` is tsnb's display surface (where all cell globals live): importing it rather
 * than all of "tsnb" keeps the numerics' declarations out of the program until a cell imports them.
 */
export function globalsDeclaration(displayModule: string): string {
  const lines = [
    `import type * as tsnb from ${JSON.stringify(displayModule)};`,
    `type TsnbExport<K extends string> = K extends keyof typeof tsnb ? (typeof tsnb)[K] : (...args: any[]) => any;`,
    `declare global {`,
    ...DISPLAY_GLOBALS.map((name) => `  const ${name}: TsnbExport<"${name}">;`),
    // tsnb's Plot has Observable Plot's own namespace type; naming it through "tsnb" here makes a
    // silent type cycle (the global and the export share the name), so the package is named directly.
    `  /** Observable Plot (https://observablehq.com/plot/) as tsnb wraps it: figures display as SVG. */`,
    `  const Plot: typeof import("@observablehq/plot");`,
    `}`,
    `export {};`,
  ];
  return lines.join("\n") + "\n";
}
