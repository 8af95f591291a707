// `tsnb check NOTEBOOK…`: type-checks notebooks cell by cell as the kernel does (each code cell
// against the declarations of the cells before it) without running them — for a notebook's
// CI, as `deno check` is for modules. Cells tagged `raises-exception` are checked too.
import { dirname, resolve } from "node:path";
import type { Notebook } from "../notebook/types.ts";
import { sourceText } from "../notebook/cells.ts";
import { readNotebook } from "../notebook/read.ts";
import type { LanguageTools, TypeDiagnostic } from "../runtime/language/index.ts";
import { UsageError } from "./usage.ts";

export const CHECK_HELP = `Usage: tsnb check NOTEBOOK.ipynb…

Type-checks each notebook's code cells in order, each against the declarations of the
cells before it (as the kernel does), without running anything. Prints one line per
type error: FILE cell N L:C TSxxxx message. \`// @ts-expect-error\` above a line or
\`// @ts-nocheck\` in a cell silences it.

Exit codes: 0 no type errors; 1 type errors; 2 bad usage or an unreadable notebook.`;

export interface CellDiagnostic extends TypeDiagnostic {
  /** 1-based index of the cell among all the notebook's cells. */
  cell: number;
}

export function notebookDiagnostics(tools: LanguageTools, notebook: Notebook): CellDiagnostic[] {
  const ran: string[] = [];
  const found: CellDiagnostic[] = [];
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code") return;
    const code = sourceText(cell);
    for (const diagnostic of tools.diagnose(ran, code))
      found.push({ cell: index + 1, ...diagnostic });
    ran.push(code);
  });
  return found;
}

export async function checkCommand(argv: string[]): Promise<number> {
  if (argv.includes("-h") || argv.includes("--help")) {
    process.stdout.write(CHECK_HELP + "\n");
    return 0;
  }
  const option = argv.find((arg) => arg.startsWith("-"));
  if (option) throw new UsageError(`tsnb check: unknown option ${option} (see tsnb check --help)`);
  if (argv.length === 0) throw new UsageError("tsnb check: expected one or more notebooks");
  const notebooks = await Promise.all(
    argv.map(async (file) => ({ file, notebook: await readNotebook(file) })),
  );
  const { createLanguageTools } = await import("../runtime/language/index.ts");
  const toolsByFolder = new Map<string, LanguageTools>();
  let errors = 0;
  for (const { file, notebook } of notebooks) {
    const folder = dirname(resolve(file));
    let tools = toolsByFolder.get(folder);
    if (!tools) toolsByFolder.set(folder, (tools = createLanguageTools({ rootDir: folder })));
    const found = notebookDiagnostics(tools, notebook);
    errors += found.length;
    for (const d of found)
      process.stdout.write(
        `${file} cell ${d.cell} ${d.line}:${d.column} TS${d.code} ${d.message}\n`,
      );
    process.stderr.write(
      `${file}: ${found.length === 0 ? "no type errors" : `${found.length} type error${found.length === 1 ? "" : "s"}`}\n`,
    );
  }
  return errors > 0 ? 1 : 0;
}
