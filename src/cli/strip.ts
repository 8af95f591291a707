// `tsnb strip NOTEBOOK…`: removes outputs and execution counts in place (atomically), so
// notebooks are committed without outputs.
import { readNotebook } from "../notebook/read.ts";
import { stripOutputs } from "../notebook/cells.ts";
import { serializeNotebook, writeNotebook } from "../notebook/write.ts";
import { UsageError } from "./usage.ts";

export const STRIP_HELP = `Usage: tsnb strip NOTEBOOK.ipynb…

Removes every code cell's outputs and execution count, in place. Files that are
already clean are left untouched.`;

export async function stripCommand(argv: string[]): Promise<number> {
  if (argv.includes("-h") || argv.includes("--help")) {
    process.stdout.write(STRIP_HELP + "\n");
    return 0;
  }
  if (argv.length === 0) throw new UsageError("tsnb strip: expected one or more notebooks");
  for (const file of argv) {
    const notebook = await readNotebook(file);
    const stripped = stripOutputs(notebook);
    if (serializeNotebook(stripped) !== serializeNotebook(notebook))
      await writeNotebook(file, stripped);
  }
  return 0;
}
