// Build progress: on a terminal one line rewritten in place (notebook n/N, its cell, a bar,
// elapsed time); elsewhere (CI, pipes) plain log lines, one when a notebook starts
// executing and one when it is done. The clock is read here, at the shell's edge.
import { overBudget } from "../notebook/metadata.ts";
import { cellErrors } from "../notebook/cell-errors.ts";
import type { Notebook } from "../notebook/types.ts";
import type { ExecutedNotebook } from "./execute.ts";

export interface BuildProgress {
  notebookStart(position: number, total: number, slug: string, verb?: string): void;
  cell(index: number, total: number): void;
  notebookEnd(
    position: number,
    total: number,
    slug: string,
    result: ExecutedNotebook | undefined,
  ): void;
  log(message: string): void;
  done(): void;
}

export function progressReporter(
  stream: NodeJS.WriteStream | (NodeJS.WritableStream & { isTTY?: boolean; columns?: number }),
): BuildProgress {
  const tty = Boolean(stream.isTTY);
  const buildStart = performance.now();
  let notebookStart = buildStart;
  let current = "";
  let live = false;
  const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
  const draw = (text: string) => {
    const width = Math.max(40, ((stream as { columns?: number }).columns || 80) - 1);
    stream.write(`\r\x1b[2K${text.slice(0, width)}`);
    live = true;
  };
  const clear = () => {
    if (live) stream.write("\r\x1b[2K");
    live = false;
  };
  return {
    notebookStart(position, total, slug, verb = "executing") {
      notebookStart = performance.now();
      current = `[${position}/${total}] ${slug}`;
      if (tty) draw(`${current}  ${verb}  ${seconds(buildStart)} s`);
      else stream.write(`${current}: ${verb}\n`);
    },
    cell(index, total) {
      if (!tty) return;
      const filled = total > 0 ? Math.round((index / total) * 20) : 0;
      draw(
        `${current}  ${"█".repeat(filled)}${"░".repeat(20 - filled)}  cell ${index + 1}/${total}  ${seconds(notebookStart)} s (total ${seconds(buildStart)} s)`,
      );
    },
    notebookEnd(position, total, slug, result) {
      clear();
      stream.write(`[${position}/${total}] ${slug}: ${describe(result)}\n`);
      if (result && result.summary.errors > 0)
        stream.write(cellErrors(result.executed as Notebook, tty, `${slug}: `));
    },
    log(message) {
      clear();
      stream.write(`${message}\n`);
    },
    done() {
      clear();
    },
  };
}

function describe(result: ExecutedNotebook | undefined): string {
  if (!result) return "skipped (not cached; build it without --only)";
  if (result.failure) return `execution failed: ${result.failure}`;
  const { summary } = result;
  const passed = summary.claims.filter((c) => c.status === "pass").length;
  const how = result.cached
    ? "cached"
    : result.stored
      ? "stored outputs"
      : `executed in ${summary.seconds.toFixed(1)} s${budgetNote(result)}`;
  const errors = summary.errors
    ? `, ${summary.errors} cell error${summary.errors > 1 ? "s" : ""}${result.cached ? " (cached run; --no-cache to re-run)" : ""}`
    : "";
  return `${how}, claims ${passed}/${summary.claims.length}${errors}`;
}

function budgetNote(result: ExecutedNotebook): string {
  const over = overBudget(result.executed as Notebook, result.summary.seconds);
  return over ? `, ${over}` : "";
}

/** A reporter that prints nothing (tests, benchmarks). */
export const silentProgress: BuildProgress = {
  notebookStart() {},
  cell() {},
  notebookEnd() {},
  log() {},
  done() {},
};
