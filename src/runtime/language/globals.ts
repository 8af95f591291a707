// The declarations the language service sees for what every cell has as globals (the runtime
// injects them): their types are taken from the "tsnb" package itself, so completion and
// inspection show the real signatures and doc comments. A name the package does not (yet)
// export falls back to a permissive function type instead of breaking the whole file.
export const CELL_GLOBALS = ["display", "md", "tex", "html", "table", "progress", "claim", "clearOutput", "input"] as const;

export function globalsDeclaration(): string {
  const lines = [
    `import type * as tsnb from "tsnb";`,
    `type TsnbExport<K extends string> = K extends keyof typeof tsnb ? (typeof tsnb)[K] : (...args: any[]) => any;`,
    `declare global {`,
    ...CELL_GLOBALS.map((name) => `  const ${name}: TsnbExport<"${name}">;`),
    `  /** Observable Plot (https://observablehq.com/plot/), the same namespace as \`import * as Plot from "@observablehq/plot"\`. */`,
    `  const Plot: typeof import("@observablehq/plot");`,
    `}`,
    `export {};`,
  ];
  return lines.join("\n") + "\n";
}
