// Executes a whole notebook headless: a fresh session, every code cell in order, outputs
// stored in the cells, claims gathered from their outputs. Used by `tsnb run`, by
// `tsnb build-site` and by the snapshot harness, so all three see the same results.
// Cells run in a worker thread (the kernel's WorkerSession), so what a cell does to its
// thread — process.exit, running out of memory, a callback that throws after it returned,
// running past --timeout — is an error of that cell, and the run still ends with a summary
// and every output produced so far.
import { totalmem } from "node:os";
import { dirname, resolve } from "node:path";
import type { ICodeCell, IOutput } from "@jupyterlab/nbformat";
import { claimOfOutput } from "../display/claim-output.ts";
import { cellHasTag, sourceText } from "../notebook/cells.ts";
import { languageInfo } from "../notebook/language-info.ts";
import { tsnbMetadata } from "../notebook/metadata.ts";
import type { Notebook } from "../notebook/types.ts";
import { SessionLostError, WorkerSession } from "../runtime/worker-session.ts";
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
  /** CPU time of the process (all its threads) while the notebook ran: the cost on a loaded machine. */
  cpu_seconds: number;
}

export interface ExecuteOptions {
  file: string;
  parameters?: Record<string, string>;
  /** Keep going after a cell raises (default: stop, like nbconvert). */
  allowErrors?: boolean;
  onCell?: (index: number, total: number) => void;
  onWarning?: (message: string) => void;
  /** Seconds a cell may run before it is interrupted and reported (nbclient's `timeout`); none by default. */
  timeout?: number;
  /** Heap limit of the cell thread in MiB (default: `defaultMaxMemoryMb()`). */
  maxMemoryMb?: number;
  /** Aborting it interrupts the running cell and ends the run after it (Ctrl-C). */
  signal?: AbortSignal;
}

/** Half the machine's memory, at most 4 GiB (V8's own ceiling for a 64-bit heap). */
export function defaultMaxMemoryMb(): number {
  return Math.min(4096, Math.floor(totalmem() / 2 ** 20 / 2));
}

/** How long an interrupted cell may take to stop before its thread is ended. */
const INTERRUPT_GRACE_MS = 3000;

export class CellTimeoutError extends Error {
  constructor(seconds: number) {
    super(`the cell ran longer than the timeout of ${seconds} s (--timeout) and was stopped`);
    this.name = "CellTimeoutError";
  }
}

export async function executeNotebook(
  input: Notebook,
  options: ExecuteOptions,
): Promise<{ notebook: Notebook; summary: RunSummary }> {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const { notebook, warnings } = injectParameters(input, options.parameters ?? {});
  for (const warning of warnings) options.onWarning?.(warning);
  const meta = tsnbMetadata(notebook);
  const notebookDir = dirname(resolve(options.file));
  const maxMemoryMb = options.maxMemoryMb ?? defaultMaxMemoryMb();
  let lateFailure = false;
  const session = new WorkerSession({
    notebookDir,
    seed: meta.seed ?? 0,
    maxMemoryMb,
    onLateError: () => (lateFailure = true),
  });
  const collector = new OutputCollector();
  const cells = notebook.cells.map((cell) =>
    cell.cell_type === "code" ? { ...cell, outputs: [], execution_count: null } : { ...cell },
  );
  const codeCells = cells.filter((cell) => cell.cell_type === "code").length;
  const previousDir = process.cwd();
  const stop = () => session.interrupt();
  options.signal?.addEventListener("abort", stop);
  let executed = 0;
  // Worker threads share the process's working directory: cells see the notebook's folder.
  process.chdir(notebookDir);
  try {
    for (const cell of cells) {
      if (cell.cell_type !== "code") continue;
      if (options.signal?.aborted || lateFailure) break;
      options.onCell?.(executed, codeCells);
      const code = cell as ICodeCell;
      code.outputs = collector.startCell();
      code.execution_count = ++executed;
      const status = await runCell(session, sourceText(code), collector, executed, options);
      // nbclient's convention: a cell tagged `raises-exception` is expected to raise.
      if (status === "lost") break;
      if (status === "error" && !cellHasTag(code, "raises-exception") && !options.allowErrors)
        break;
    }
  } finally {
    options.signal?.removeEventListener("abort", stop);
    process.chdir(previousDir);
    await session.dispose();
  }
  const errors = cells.filter(
    (cell) =>
      cell.cell_type === "code" &&
      !cellHasTag(cell, "raises-exception") &&
      (cell as ICodeCell).outputs.some((output) => output.output_type === "error"),
  ).length;
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
    cpu_seconds: cpuSeconds(process.cpuUsage(cpuStarted)),
  };
  return { notebook: executedNotebook, summary };
}

/**
 * One cell through the worker, bounded by the timeout: "ok", "error" (the cell raised), or
 * "lost" (the session's thread ended: process.exit, out of memory, or stopped after a timeout).
 */
async function runCell(
  session: WorkerSession,
  code: string,
  sink: OutputCollector,
  executionCount: number,
  options: ExecuteOptions,
): Promise<"ok" | "error" | "lost"> {
  let timer: NodeJS.Timeout | undefined;
  let grace: NodeJS.Timeout | undefined;
  let timedOut = false;
  await session.ready.catch(() => undefined);
  if (options.timeout !== undefined && options.timeout > 0) {
    timer = setTimeout(() => {
      timedOut = true;
      session.interrupt();
      // A cell stuck where no interrupt check runs (native code, a busy library loop) loses its thread.
      grace = setTimeout(() => void session.dispose(), INTERRUPT_GRACE_MS);
    }, options.timeout * 1000);
  }
  try {
    const reply = await session.execute(code, sink, { executionCount });
    if (!timedOut) return reply.status;
    reportError(sink, new CellTimeoutError(options.timeout!));
    return "lost";
  } catch (error) {
    const e = timedOut
      ? new CellTimeoutError(options.timeout!)
      : error instanceof Error
        ? error
        : new Error(String(error));
    reportError(sink, e);
    return error instanceof SessionLostError || timedOut ? "lost" : "error";
  } finally {
    clearTimeout(timer);
    clearTimeout(grace);
  }
}

/** An error of the run rather than of the cell's code (timeout, lost thread), as the cell's output. */
function reportError(sink: OutputCollector, error: Error): void {
  sink.emit({
    output_type: "error",
    ename: error.name,
    evalue: error.message,
    traceback: [`${error.name}: ${error.message}`],
  } as IOutput);
}

export const LANGUAGE_INFO = languageInfo("5.9");

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

function cpuSeconds({ user, system }: NodeJS.CpuUsage): number {
  return Math.round((user + system) / 1e4) / 100;
}
