// The notebooks type-check cell by cell (`tsnb check`), as the kernel checks them (each cell against the
// declarations of the cells before it), so opening one in JupyterLab shows no type warnings.
// A cell that needs an exception says why in a `// @ts-expect-error: …` comment.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { notebookDiagnostics } from "../src/cli/check.ts";
import { parseNotebook } from "../src/notebook/read.ts";
import { createLanguageTools, type LanguageTools } from "../src/runtime/language/index.ts";

const dir = join(fileURLToPath(new URL("../", import.meta.url)), "notebooks");
const files = readdirSync(dir)
  .filter((file) => file.endsWith(".ipynb"))
  .sort();
let tools: LanguageTools;

beforeAll(() => {
  tools = createLanguageTools({ rootDir: dir });
}, 120_000);

describe("notebooks type-check cell by cell", () => {
  it.each(files)(
    "%s",
    (file) => {
      const notebook = parseNotebook(readFileSync(join(dir, file), "utf8"), file);
      expect(notebookDiagnostics(tools, notebook)).toEqual([]);
    },
    60_000,
  );
});
