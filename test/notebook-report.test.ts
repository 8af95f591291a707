// The notebooks read as a scientific report: what a reader sees (markdown, claim texts and
// sources, known-failure reasons, the summary) cites papers, never the project's issue tracker;
// and every claim listed as not reproduced has a section of its page, named by the claim's id,
// that shows the measured miss as a figure (the scorecard links there, src/site/claims.ts); a
// claim's `paper` figure is a real one (never "n/a", "-", "?" or "TBD": the field is left out
// when the paper states no number), short, and says where the paper states it.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { linkMissSections, type SiteClaim } from "../src/site/claims.ts";
import { renderMarkdown } from "../src/site/markdown.ts";
import { isPlaceholderPaperText, PAPER_TEXT_MAX } from "../src/display/paper-value.ts";

const dir = join(fileURLToPath(new URL("../", import.meta.url)), "notebooks");
const files = readdirSync(dir)
  .filter((file) => file.endsWith(".ipynb"))
  .sort();

interface Cell {
  cell_type: string;
  source: string | string[];
}
interface Notebook {
  cells: Cell[];
  metadata: { tsnb: { summary: string; known_failures?: { id: string; reason: string }[] } };
}

const read = (file: string): Notebook => JSON.parse(readFileSync(join(dir, file), "utf8"));
const text = (cell: Cell) => (Array.isArray(cell.source) ? cell.source.join("") : cell.source);

/** "issue 6", "Issue #12", "issues 3 and 4", "PR 7", "#14": a tracker's numbers, not a paper's. */
const ISSUE_REFERENCE =
  /\b(?:issues?|tickets?|PRs?|pull requests?|bugs?)\s*(?:no\.?\s*)?#?\s*\d+|(?<![\w&/#])#\d+\b/i;

/** String literals after `text:` or `source:` (claim fields) and md`…` templates of a code cell. */
function shownStrings(code: string): string[] {
  const literal = /(?:\b(?:text|source):\s*|\bmd)("(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`)/g;
  return [...code.matchAll(literal)].map((m) => m[1]!);
}

/** Everything of a notebook a reader sees in prose, each with where it is. */
function proseOf(nb: Notebook): { where: string; text: string }[] {
  const out = [{ where: "metadata.tsnb.summary", text: nb.metadata.tsnb.summary }];
  nb.metadata.tsnb.known_failures?.forEach((k, i) =>
    out.push({ where: `metadata.tsnb.known_failures[${i}].reason`, text: k.reason }),
  );
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type === "markdown")
      out.push({ where: `cell ${i} (markdown)`, text: text(cell) });
    if (cell.cell_type === "code")
      for (const s of shownStrings(text(cell))) out.push({ where: `cell ${i} (code)`, text: s });
  });
  return out;
}

describe("the tracker-reference pattern", () => {
  it.each(["issue 6", "Issue #12", "issues 3", "see #14", "PR 7", "pull request 2"])(
    "finds %j",
    (s) => expect(ISSUE_REFERENCE.test(s)).toBe(true),
  );
  it.each(["Tissue et al. 2024, §4", "Fig. 3", "eq. 10", "colour #4c78a8", "issue of scale"])(
    "leaves %j alone",
    (s) => expect(ISSUE_REFERENCE.test(s)).toBe(false),
  );
  it("reads claim texts, sources and md templates out of a code cell", () => {
    expect(
      shownStrings('claim({ id: "a", text: "T", source: "S \\"q\\"", measured: 1 }); md`x ${1}`'),
    ).toEqual(['"T"', '"S \\"q\\""', "`x ${1}`"]);
  });
});

describe("notebooks cite papers, not the issue tracker", () => {
  it.each(files)("%s", (file) => {
    const hits = proseOf(read(file)).flatMap(({ where, text: t }) => {
      const m = ISSUE_REFERENCE.exec(t);
      return m ? [`${where}: "${m[0]}"`] : [];
    });
    expect(hits).toEqual([]);
  });
});

describe("each known failure has a section showing its miss as a figure", () => {
  it.each(files.filter((f) => (read(f).metadata.tsnb.known_failures ?? []).length > 0))(
    "%s",
    (file) => {
      const nb = read(file);
      const usedIds = new Set<string>();
      // Headings in page order, each with the code cells that follow it up to the next heading.
      const sections: { text: string; id: string; code: string[] }[] = [];
      for (const cell of nb.cells) {
        if (cell.cell_type === "markdown")
          for (const h of renderMarkdown(text(cell), usedIds).headings)
            sections.push({ text: h.text, id: h.id, code: [] });
        else if (cell.cell_type === "code") sections[sections.length - 1]?.code.push(text(cell));
      }
      for (const known of nb.metadata.tsnb.known_failures ?? []) {
        const notReproduced = {
          id: known.id,
          status: "not-reproduced",
        } as SiteClaim;
        const [linked] = linkMissSections([notReproduced], sections);
        expect(linked!.missSection, `a heading naming ${known.id}`).toBeDefined();
        const section = sections.find((s) => s.id === linked!.missSection)!;
        expect(
          section.code.some((c) => c.includes("Plot.plot(")),
          `a Plot figure under "${section.text}"`,
        ).toBe(true);
      }
    },
  );
});

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
  return read(file).cells.flatMap((cell, i) => {
    if (cell.cell_type !== "code") return [];
    const code = text(cell);
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
