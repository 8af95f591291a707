// The execution history of this kernel process, answering history_request (messaging spec
// 5.3, "History"): tail, range and search. ipykernel keeps a SQLite database across
// sessions; we keep this process's cells only, numbered as session 1.
export interface HistoryEntry {
  line: number;
  input: string;
  output: string | null;
}

export interface HistoryQuery {
  output: boolean;
  raw: boolean;
  hist_access_type: string;
  session?: number;
  start?: number;
  stop?: number;
  n?: number;
  pattern?: string;
  unique?: boolean;
}

export const SESSION_NUMBER = 1;

export type HistoryRow = [number, number, string] | [number, number, [string, string | null]];

/** Glob of IPython's %history -g: `*` any run, `?` one character, the rest literal. */
function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "s");
}

export function queryHistory(entries: readonly HistoryEntry[], query: HistoryQuery): HistoryRow[] {
  let picked: HistoryEntry[];
  if (query.hist_access_type === "tail") {
    const n = query.n ?? 10;
    picked = n > 0 ? entries.slice(-n) : [];
  } else if (query.hist_access_type === "range") {
    const session = query.session ?? 0;
    // Session 0 is "this session" (IPython); -k counts back to earlier sessions, which we never have.
    const ours = session === 0 || session === SESSION_NUMBER;
    const start = query.start ?? 0;
    const stop = query.stop ?? Number.POSITIVE_INFINITY;
    picked = ours ? entries.filter((entry) => entry.line >= start && entry.line < stop) : [];
  } else if (query.hist_access_type === "search") {
    const regexp = globToRegExp(query.pattern ?? "*");
    picked = entries.filter((entry) => regexp.test(entry.input));
    if (query.unique) {
      const seen = new Set<string>();
      picked = picked
        .reverse()
        .filter((entry) => !seen.has(entry.input) && seen.add(entry.input))
        .reverse();
    }
    if (query.n !== undefined && query.n !== null) picked = picked.slice(-query.n);
  } else {
    picked = [];
  }
  return picked.map((entry): HistoryRow =>
    query.output
      ? [SESSION_NUMBER, entry.line, [entry.input, entry.output]]
      : [SESSION_NUMBER, entry.line, entry.input],
  );
}
