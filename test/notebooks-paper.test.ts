// The `paper` field as written in the notebooks: every claim that gives the paper's figure gives
// a real one (never a placeholder such as "n/a", "-", "?" or "TBD"; the field is left out when
// the paper states no number), short enough to sit beside the measured value, and a text names
// where the paper states it (§, Fig., Table, eq., abstract …). Read statically from the cells.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isPlaceholderPaperText, PAPER_TEXT_MAX } from "../src/display/paper-value.ts";

const dir = join(fileURLToPath(new URL("../", import.meta.url)), "notebooks");
const files = readdirSync(dir)
  .filter((file) => file.endsWith(".ipynb"))
  .sort();

interface Cell {
  cell_type: string;
  source: string | string[];
}

/** A `paper:` literal of a claim: the text of a string, or the source of a number or range. */
interface PaperField {
  where: string;
  text: string | null;
  literal: string;
}

/** `paper: "…"`, `paper: '…'`, `paper: \`…\``, `paper: [lo, hi]` or `paper: 0.34` in a code cell. */
const PAPER_FIELD =
  /\bpaper:\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`|\[[^\]]*\]|[-+]?\d[\d.eE+-]*)/g;

/** Where a paper states a figure: a section, figure, table, equation, theorem, abstract … */
const LOCATION =
  /§|\b(?:Figs?|Figures?|Tables?|Tab|eqs?|equations?|Thm|Theorems?|Def|Definitions?|Lemma|Props?|Proposition|App|Appendix|Sec|Sections?|Results?|abstract|introduction|summary|conclusion)\b\.?|\bp\.\s*\d/i;

function paperFields(file: string): PaperField[] {
  const nb = JSON.parse(readFileSync(join(dir, file), "utf8")) as { cells: Cell[] };
  return nb.cells.flatMap((cell, i) => {
    if (cell.cell_type !== "code") return [];
    const code = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
    return [...code.matchAll(PAPER_FIELD)].map((m) => {
      const literal = m[1]!;
      const quoted = /^["'`]/.test(literal);
      const text = !quoted
        ? null
        : literal.startsWith('"')
          ? (JSON.parse(literal) as string)
          : literal.slice(1, -1);
      return { where: `${file} cell ${i}`, text, literal };
    });
  });
}

const all = files.flatMap(paperFields);

const placeholders = (fields: PaperField[]) =>
  fields
    .filter((f) => f.text !== null && (f.text.trim() === "" || isPlaceholderPaperText(f.text)))
    .map((f) => `${f.where}: paper: ${f.literal}`);

const unlocated = (fields: PaperField[]) =>
  fields
    .filter((f) => f.text !== null && (f.text.length > PAPER_TEXT_MAX || !LOCATION.test(f.text)))
    .map((f) => `${f.where}: paper: ${f.literal}`);

describe("the paper-field reader", () => {
  it("finds the literals claims are written with", () => {
    const code =
      'claim({ id: "a", paper: "0.91 (Fig. 3)", x: 1 }); claim({ paper: [0.2, 0.5] }); claim({ paper: 0.34 })';
    expect([...code.matchAll(PAPER_FIELD)].map((m) => m[1])).toEqual([
      '"0.91 (Fig. 3)"',
      "[0.2, 0.5]",
      "0.34",
    ]);
  });
  it("reads paper fields out of the notebooks", () => expect(all.length).toBeGreaterThan(0));
  it("flags placeholders and figures without a location", () => {
    const field = (text: string) => ({
      where: "x.ipynb cell 1",
      text,
      literal: JSON.stringify(text),
    });
    const fields = ["n/a", "-", "?", "TBD", " ", "0.34 (eq. 10)", "0.34"].map(field);
    expect(placeholders(fields)).toEqual([
      'x.ipynb cell 1: paper: "n/a"',
      'x.ipynb cell 1: paper: "-"',
      'x.ipynb cell 1: paper: "?"',
      'x.ipynb cell 1: paper: "TBD"',
      'x.ipynb cell 1: paper: " "',
    ]);
    expect(unlocated(fields.slice(5))).toEqual(['x.ipynb cell 1: paper: "0.34"']);
  });
  it.each(["§2.3.1", "Fig. 1", "Table 3", "eq. 4", "abstract", "Result 2", "Def. 1", "p. 5"])(
    "takes %j as a location",
    (s) => expect(LOCATION.test(s)).toBe(true),
  );
  it.each(["0.91 ± 0.04", "exponent 1", "n/a", "p = 24 bits"])("finds no location in %j", (s) =>
    expect(LOCATION.test(s)).toBe(false),
  );
});

describe.each(files)("%s: paper figures", (file) => {
  const fields = paperFields(file);
  it("are never placeholders", () => {
    const bad = fields.filter(
      (f) => f.text !== null && (f.text.trim() === "" || isPlaceholderPaperText(f.text)),
    );
    expect(bad.map((f) => `${f.where}: paper: ${f.literal}`)).toEqual([]);
  });
  it(`are texts of at most ${PAPER_TEXT_MAX} characters that say where the paper states them`, () =>
    expect(unlocated(fields)).toEqual([]));
});
