// Executes a whole notebook headless: a fresh Session, every code cell in order, outputs
// stored in the cells, claims gathered from their outputs. Used by `tsnb run`, by
// `tsnb build-site` and by the snapshot harness, so all three see the same results.
import { dirname, resolve } from "node:path";
import type { ICodeCell, IOutput } from "@jupyterlab/nbformat";
import { claimOfOutput } from "../display/claim-output.ts";
import { cellHasTag, sourceText } from "../notebook/cells.ts";
import { tsnbMetadata } from "../notebook/metadata.ts";
import type { Notebook } from "../notebook/types.ts";
import { Session } from "../runtime/session.ts";
import { OutputCollector } from "./collector.ts";
import { injectParameters } from "./parameters.ts";

export interface ClaimSummary {
  id: string;
  status: "pass" | "fail";
  text: string;
  measured: unknown;
  expected: unknown;
  /** The paper's own figure and where it is stated, when the claim gives one. */
  paper?: unknown;
  source?: string;
  /** Listed in `metadata.tsnb.known_failures`: expected not to reproduce. */
  known_failure?: boolean;
  /** Index of the cell that made the claim. */
  cell: number;
}

export interface RunSummary {
  notebook: string;
  cells: number;
  errors: number;
  claims: ClaimSummary[];
  seconds: number;
}

export interface ExecuteOptions {
  file: string;
  parameters?: Record<string, string>;
  /** Keep going after a cell raises (default: stop, like nbconvert). */
  allowErrors?: boolean;
  onCell?: (index: number, total: number) => void;
  onWarning?: (message: string) => void;
}

export async function executeNotebook(
  input: Notebook,
  options: ExecuteOptions,
): Promise<{ notebook: Notebook; summary: RunSummary }> {
  const started = performance.now();
  const { notebook, warnings } = injectParameters(input, options.parameters ?? {});
  for (const warning of warnings) options.onWarning?.(warning);
  const meta = tsnbMetadata(notebook);
  const notebookDir = dirname(resolve(options.file));
  const session = new Session({ notebookDir, seed: meta.seed ?? 0 });
  const collector = new OutputCollector();
  const cells = notebook.cells.map((cell) =>
    cell.cell_type === "code" ? { ...cell, outputs: [], execution_count: null } : { ...cell },
  );
  const codeCells = cells.filter((cell) => cell.cell_type === "code").length;
  const previousDir = process.cwd();
  let errors = 0;
  let executed = 0;
  process.chdir(notebookDir);
  try {
    for (const cell of cells) {
      if (cell.cell_type !== "code") continue;
      options.onCell?.(executed, codeCells);
      const code = cell as ICodeCell;
      code.outputs = collector.startCell();
      const reply = await session.execute(sourceText(code), collector, {
        executionCount: ++executed,
      });
      code.execution_count = executed;
      // nbclient's convention: a cell tagged `raises-exception` is expected to raise.
      if (reply.status === "error" && !cellHasTag(code, "raises-exception")) {
        errors++;
        if (!options.allowErrors) break;
      }
    }
  } finally {
    process.chdir(previousDir);
    await session.dispose();
  }
  const executedNotebook: Notebook = {
    ...notebook,
    metadata: { ...notebook.metadata, language_info: LANGUAGE_INFO },
    cells,
  };
  const summary: RunSummary = {
    notebook: options.file,
    cells: executed,
    errors,
    claims: collectClaims(executedNotebook),
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
  return { notebook: executedNotebook, summary };
}

export const LANGUAGE_INFO = {
  name: "typescript",
  version: "5.9",
  mimetype: "text/typescript",
  file_extension: ".ts",
  codemirror_mode: { name: "javascript", typescript: true },
  pygments_lexer: "typescript",
};

/** Every claim output of an executed notebook, with its status and known-failure mark. */
export function collectClaims(nb: Notebook): ClaimSummary[] {
  const known = new Set((tsnbMetadata(nb).known_failures ?? []).map((entry) => entry.id));
  const claims: ClaimSummary[] = [];
  nb.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code") return;
    for (const output of (cell as ICodeCell).outputs as IOutput[]) {
      const claim = claimOfOutput(output);
      if (!claim) continue;
      const id = String(claim.id);
      claims.push({
        id,
        status: claim.pass === true ? "pass" : "fail",
        text: String(claim.text ?? ""),
        measured: claim.measured,
        expected: claim.expected,
        ...(claim.paper !== undefined ? { paper: claim.paper } : {}),
        source: claim.source === undefined ? undefined : String(claim.source),
        ...(known.has(id) ? { known_failure: true } : {}),
        cell: index,
      });
    }
  });
  return claims;
}
