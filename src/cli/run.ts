// `tsnb run NOTEBOOK.ipynb [-o OUT] [--inplace] [-p name=value …] [--json] [--allow-errors]
// [--timeout S] [--max-memory MIB] [--help-parameters]`
// Exit codes (DESIGN.md): 0 all cells ran and no claim failed; 1 a cell raised (including a
// cell that exited, ran out of memory or timed out); 3 a claim failed; 2 bad usage or an
// unreadable notebook; 130 interrupted by SIGINT/SIGTERM (after writing what ran).
import { parseArgs } from "node:util";
import { cellErrors } from "../notebook/cell-errors.ts";
import { overBudget } from "../notebook/metadata.ts";
import { readNotebook } from "../notebook/read.ts";
import { removeTempFiles, writeNotebook } from "../notebook/write.ts";
import { defaultMaxMemoryMb, executeNotebook, type RunSummary } from "./execute.ts";
import { declaredParameters } from "../notebook/parameters.ts";
import { formatParameters, parseParameter } from "./parameters.ts";
import { ProgressLine } from "./progress-line.ts";
import { UsageError } from "./usage.ts";

export { executeNotebook, collectClaims, type RunSummary, type ClaimSummary } from "./execute.ts";

export const RUN_HELP = `Usage: tsnb run NOTEBOOK.ipynb [options]

Executes every code cell of NOTEBOOK in order in a fresh runtime and prints a summary.

Options:
  -o, --output FILE     write the executed notebook (with outputs) to FILE
      --inplace         write the executed notebook over NOTEBOOK
  -p, --parameter N=V   set variable N in a cell injected after the cell tagged
                        "parameters" (papermill convention); repeatable. V keeps the
                        type N is declared with: text for a string, and a number or
                        boolean must be one (else exit 2); otherwise V is read as JSON
                        when it parses, else as a string. An undeclared N is warned of
      --help-parameters list the parameters NOTEBOOK declares (name, default, type,
                        the comment above it) and exit
      --json            print one JSON object {notebook, cells, errors, claims, seconds,
                        cpu_seconds}
      --allow-errors    keep executing after a cell raises
      --timeout S       interrupt a cell that runs longer than S seconds, report it as
                        that cell's error and end the run (nbclient's timeout); default none
      --max-memory MIB  heap limit of the thread that runs the cells (default: half the
                        machine's memory, at most 4096); a cell that needs more fails
                        with a MemoryError instead of crashing the run
  -h, --help            show this help

Cells run in a worker thread: a cell that calls process.exit, runs out of memory, times
out, or whose callback throws after it returned is reported as an error of that cell; the
summary is printed and -o/--inplace still get every output produced so far. Ctrl-C
interrupts the running cell and ends the run the same way (a second Ctrl-C quits at once).

Without -o or --inplace nothing is written. Writes are atomic (temp file + rename): an
interrupted run never leaves a partial notebook behind.

Exit codes: 0 all cells ran and every claim passed (claims listed in
metadata.tsnb.known_failures may fail); 1 a cell raised; 3 a claim failed;
2 bad usage or an unreadable notebook; 130 interrupted (SIGINT or SIGTERM).`;

export async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      output: { type: "string", short: "o" },
      inplace: { type: "boolean" },
      parameter: { type: "string", short: "p", multiple: true },
      json: { type: "boolean" },
      "allow-errors": { type: "boolean" },
      timeout: { type: "string" },
      "max-memory": { type: "string" },
      help: { type: "boolean", short: "h" },
      "help-parameters": { type: "boolean" },
    },
  });
  if (values.help) {
    process.stdout.write(RUN_HELP + "\n");
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError("tsnb run: expected exactly one notebook (see tsnb run --help)");
  if (values.output && values.inplace)
    throw new UsageError("tsnb run: use either -o or --inplace, not both");
  const file = positionals[0];
  const parameters = Object.fromEntries((values.parameter ?? []).map(parseParameter));
  const notebook = await readNotebook(file);
  if (values["help-parameters"]) {
    process.stdout.write(formatParameters(file, declaredParameters(notebook)));
    return 0;
  }
  const timeout = positiveNumber("--timeout", values.timeout);
  const maxMemoryMb = positiveNumber("--max-memory", values["max-memory"]);
  const progress = new ProgressLine(process.stderr);
  const interrupted = new AbortController();
  let signalled: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      // A second signal: leave now, taking the temp file of a write in flight with us.
      removeTempFiles();
      process.exit(130);
    }
    signalled = signal;
    process.stderr.write(`\ntsnb run: ${signal}: interrupting the running cell\n`);
    interrupted.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  let executed: Awaited<ReturnType<typeof executeNotebook>>["notebook"];
  let summary: RunSummary;
  try {
    ({ notebook: executed, summary } = await executeNotebook(notebook, {
      file,
      parameters,
      allowErrors: values["allow-errors"],
      timeout,
      maxMemoryMb: maxMemoryMb ?? defaultMaxMemoryMb(),
      signal: interrupted.signal,
      onCell: (index, total) => progress.show(`${file}: cell ${index + 1}/${total}`),
      onWarning: (message) => process.stderr.write(`tsnb run: warning: ${message}\n`),
    }));
  } finally {
    progress.done();
  }
  process.stderr.write(cellErrors(executed, process.stderr.isTTY === true, "tsnb run: "));
  const over = overBudget(notebook, summary.seconds);
  if (over)
    process.stderr.write(
      `tsnb run: warning: ${file} ran ${summary.seconds.toFixed(1)} s, ${over} (metadata.tsnb.budget_seconds)\n`,
    );
  const target = values.inplace ? file : values.output;
  try {
    if (target) await writeNotebook(target, executed);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
  process.stdout.write(values.json ? JSON.stringify(summary) + "\n" : formatSummary(summary));
  return signalled ? 130 : exitCode(summary);
}

function positiveNumber(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new UsageError(`tsnb run: ${option} ${text}: expected a positive number`);
  return value;
}

export function exitCode(summary: RunSummary): number {
  if (summary.errors > 0) return 1;
  if (summary.claims.some((claim) => claim.status === "fail" && !claim.known_failure)) return 3;
  return 0;
}

function formatSummary(summary: RunSummary): string {
  const lines = [
    `${summary.notebook}: ${summary.cells} cells, ${summary.errors} errors, ${summary.seconds} s`,
  ];
  for (const claim of summary.claims) {
    const mark = claim.status === "pass" ? "✓" : claim.known_failure ? "✗ (known failure)" : "✗";
    lines.push(`  ${mark} ${claim.id}: ${claim.text}`);
  }
  return lines.join("\n") + "\n";
}
