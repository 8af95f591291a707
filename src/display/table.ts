// table(rows): one value, three views — an HTML table for the front end and the site, an
// aligned text/plain table for terminals and snapshots, and the raw values for machines under a
// vendor type (not application/json, which JupyterLab ranks above text/html and would show as
// a JSON tree). Numbers are shown with formatNumber's fixed significant digits.
import { formatNumber } from "./format.ts";
import { inspectValue } from "./inspect.ts";
import { MIME_HOOK, type Bundle } from "./mime.ts";

export interface TableOptions {
  /** Column order (default: keys in order of first appearance; required for rows given as arrays). */
  columns?: string[];
  /** Significant digits for numbers (default 4). */
  digits?: number;
  /** Rows shown; the rest are counted in a footer (default 200). */
  maxRows?: number;
  caption?: string;
}

type Row = Record<string, unknown>;

/** The machine-readable view of a table: `{columns, rows}`. */
export const TABLE_MIME = "application/vnd.tsnb.table+json";

function cellText(value: unknown, digits: number): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return formatNumber(value, digits);
  if (typeof value === "string") return value;
  if (typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  return inspectValue(value).replace(/\s*\n\s*/g, " ");
}

function jsonValue(value: unknown): unknown {
  if (value === undefined || (typeof value === "number" && !Number.isFinite(value))) return null;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (value === null || ["string", "number", "boolean"].includes(typeof value)) return value;
  return cellText(value, 17);
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const width = (text: string) => [...text].length;

/** A displayable table (HTML, aligned text, and `{columns, rows}` JSON under TABLE_MIME); made by `table(rows, options)`. */
export class Table {
  readonly columns: string[];
  readonly rows: Row[];

  constructor(
    rows: Iterable<Row | unknown[]>,
    readonly options: TableOptions = {},
  ) {
    const list = [...rows];
    const columns = options.columns ? [...options.columns] : [];
    if (!options.columns) {
      const seen = new Set<string>();
      for (const row of list) {
        const keys = Array.isArray(row) ? row.map((_, i) => String(i)) : Object.keys(row);
        for (const key of keys) if (!seen.has(key)) (seen.add(key), columns.push(key));
      }
    }
    this.columns = columns;
    this.rows = list.map((row) =>
      Array.isArray(row) ? Object.fromEntries(columns.map((c, i) => [c, row[i]])) : row,
    );
  }

  /** The aligned text form: numbers right-aligned, everything else left-aligned. */
  toString(): string {
    const { digits = 4, maxRows = 200 } = this.options;
    const shown = this.rows.slice(0, maxRows);
    const cells = shown.map((row) => this.columns.map((c) => cellText(row[c], digits)));
    const numeric = this.columns.map(
      (c) =>
        shown.some((row) => typeof row[c] === "number") &&
        shown.every((row) => row[c] == null || typeof row[c] === "number"),
    );
    const widths = this.columns.map((c, j) =>
      Math.max(width(c), ...cells.map((r) => width(r[j]!))),
    );
    const pad = (text: string, j: number) =>
      numeric[j]
        ? text.padStart(widths[j]! + text.length - width(text))
        : text.padEnd(widths[j]! + text.length - width(text));
    const line = (texts: string[]) => texts.map(pad).join("  ").trimEnd();
    const lines = [
      line(this.columns),
      widths.map((w) => "─".repeat(w)).join("  "),
      ...cells.map(line),
    ];
    if (this.rows.length > shown.length)
      lines.push(`… ${this.rows.length - shown.length} more rows`);
    if (this.options.caption) lines.unshift(this.options.caption);
    return lines.join("\n");
  }

  toHTML(): string {
    const { digits = 4, maxRows = 200, caption } = this.options;
    const shown = this.rows.slice(0, maxRows);
    const head = this.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
    const body = shown
      .map((row) => {
        const tds = this.columns.map((c) => {
          const value = row[c];
          const align = typeof value === "number" ? ' style="text-align:right"' : "";
          return `<td${align}>${escapeHtml(cellText(value, digits))}</td>`;
        });
        return `<tr>${tds.join("")}</tr>`;
      })
      .join("\n");
    const more =
      this.rows.length > shown.length
        ? `\n<tfoot><tr><td colspan="${this.columns.length}">… ${this.rows.length - shown.length} more rows</td></tr></tfoot>`
        : "";
    const cap = caption ? `<caption>${escapeHtml(caption)}</caption>` : "";
    return `<table class="tsnb-table">${cap}\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>${more}\n</table>`;
  }

  toJSON(): { columns: string[]; rows: unknown[][] } {
    return {
      columns: this.columns,
      rows: this.rows.map((row) => this.columns.map((c) => jsonValue(row[c]))),
    };
  }

  [MIME_HOOK](): Bundle {
    return {
      data: {
        "text/html": this.toHTML(),
        "text/plain": this.toString(),
        [TABLE_MIME]: this.toJSON() as never,
      },
      metadata: {},
    };
  }
}

/**
 * A displayable table of `rows` (objects, or arrays with `options.columns`). Columns default to
 * keys in order of first appearance; numbers show with 4 significant digits; 200 rows at most.
 * @example
 * table([{ N: 1e6, loss: 3.21 }, { N: 1e7, loss: 2.87 }], { caption: "Final loss" });
 */
export function table(rows: Iterable<Row | unknown[]>, options?: TableOptions): Table {
  return new Table(rows, options);
}
