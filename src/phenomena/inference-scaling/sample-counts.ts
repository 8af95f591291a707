// Per-problem sample counts read from a file, so the coverage law can be tested on a real
// model's samples instead of the notebook's own (Brown et al. 2024 published theirs; nothing is
// downloaded here). Three layouts, told apart by their first character:
// - CSV (or TSV) with a header naming the columns `correct` and `samples` (others, e.g. a quoted
//   `problem` text, ignored), parsed by d3-dsv;
// - JSON Lines, one record per problem: {"correct": c, "samples": n} or {"is_corrects": [true, …]};
// - a JSON array of the same records.
import { dsvFormat } from "d3-dsv";
import type { ProblemSamples } from "../../metrics/pass-at-k.ts";
import { InferenceScalingError } from "./errors.ts";

/** Parses `text` (the contents of `file`, named in errors) into one {n, c} per problem. */
export function parseSampleCounts(text: string, file: string): ProblemSamples[] {
  const body = text.replace(/^\uFEFF/, "");
  const first = body.trimStart()[0];
  const problems =
    first === "["
      ? fromJsonArray(body, file)
      : first === "{"
        ? fromJsonLines(body, file)
        : fromCsv(body, file);
  if (problems.length === 0)
    throw new InferenceScalingError(file, "no problems in the file", "one record per problem");
  return problems;
}

/** CSV (or TSV, when the header has tabs and no commas), parsed by d3-dsv (RFC 4180 quoting). */
function fromCsv(text: string, file: string): ProblemSamples[] {
  const headerLine = text.split(/\r?\n/, 1)[0]!;
  const delimiter = headerLine.includes("\t") && !headerLine.includes(",") ? "\t" : ",";
  const rows = dsvFormat(delimiter).parseRows(text);
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const correctAt = header.indexOf("correct");
  const samplesAt = header.indexOf("samples");
  if (correctAt < 0 || samplesAt < 0)
    throw new InferenceScalingError(
      `${file} line 1`,
      `the header is "${headerLine.trim()}"`,
      'a CSV header with the columns "correct" and "samples", or JSON Lines, or a JSON array',
    );
  const problems: ProblemSamples[] = [];
  // A quoted field may span lines: count them, so errors name the line a row starts on.
  let line = 1 + newlines(rows[0]!);
  for (const cells of rows.slice(1)) {
    const where = `${file} line ${++line}`;
    line += newlines(cells);
    if (cells.every((cell) => cell.trim() === "")) continue;
    problems.push(counts(where, cells[samplesAt]?.trim(), cells[correctAt]?.trim()));
  }
  return problems;
}

const newlines = (cells: string[]): number =>
  cells.reduce((sum, cell) => sum + (cell.match(/\n/g)?.length ?? 0), 0);

function fromJsonLines(text: string, file: string): ProblemSamples[] {
  const problems: ProblemSamples[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    const where = `${file} line ${i + 1}`;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      throw new InferenceScalingError(
        where,
        `not JSON (${(error as Error).message})`,
        "one JSON object per line",
      );
    }
    problems.push(fromRecord(record, where));
  });
  return problems;
}

function fromJsonArray(text: string, file: string): ProblemSamples[] {
  let records: unknown;
  try {
    records = JSON.parse(text);
  } catch (error) {
    throw new InferenceScalingError(
      file,
      `not JSON (${(error as Error).message})`,
      "a JSON array of records",
    );
  }
  if (!Array.isArray(records))
    throw new InferenceScalingError(file, "the JSON is not an array", "a JSON array of records");
  return records.map((record, i) => fromRecord(record, `${file} [${i}]`));
}

function fromRecord(record: unknown, where: string): ProblemSamples {
  if (typeof record !== "object" || record === null || Array.isArray(record))
    throw new InferenceScalingError(where, `the record is ${JSON.stringify(record)}`, "an object");
  const fields = record as Record<string, unknown>;
  if ("is_corrects" in fields) {
    const outcomes = fields["is_corrects"];
    if (!Array.isArray(outcomes) || !outcomes.every((o) => typeof o === "boolean"))
      throw new InferenceScalingError(
        `${where} field "is_corrects"`,
        "is not a list of true/false",
        "one boolean per sample",
      );
    return counts(where, String(outcomes.length), String(outcomes.filter(Boolean).length));
  }
  return counts(where, stringOf(fields["samples"]), stringOf(fields["correct"]));
}

const stringOf = (value: unknown): string | undefined =>
  typeof value === "number" || typeof value === "string" ? String(value) : undefined;

function counts(
  where: string,
  samples: string | undefined,
  correct: string | undefined,
): ProblemSamples {
  const n = integer(`${where} field "samples"`, samples, 1);
  const c = integer(`${where} field "correct"`, correct, 0);
  if (c > n)
    throw new InferenceScalingError(
      `${where} field "correct"`,
      `${c} correct of ${n} samples`,
      `at most "samples" (${n})`,
    );
  return { n, c };
}

function integer(where: string, text: string | undefined, min: number): number {
  const value = text === undefined || text === "" ? Number.NaN : Number(text);
  if (!(Number.isInteger(value) && value >= min))
    throw new InferenceScalingError(
      where,
      text === undefined ? "is missing" : `is "${text}"`,
      `an integer ≥ ${min}`,
    );
  return value;
}
