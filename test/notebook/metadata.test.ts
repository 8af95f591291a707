import { describe, expect, it } from "vitest";
import { parseNotebook } from "../../src/notebook/read.ts";
import { NotebookError, tsnbMetadata } from "../../src/notebook/index.ts";
import { overBudget } from "../../src/notebook/metadata.ts";

const notebookWith = (tsnb: unknown) =>
  JSON.stringify({
    cells: [],
    metadata: tsnb === undefined ? {} : { tsnb },
    nbformat: 4,
    nbformat_minor: 5,
  });

const good = {
  slug: "alpha-scaling",
  title: "Alpha",
  papers: [{ title: "A paper", authors: ["A. One", "B. Two"], year: 2024, url: "https://x" }],
  summary: "One line.",
  seed: 3,
  budget_seconds: 60,
  known_failures: [{ id: "c1", reason: "does not reproduce: 1.9 < 2" }],
};

function errorOf(tsnb: unknown): NotebookError {
  try {
    parseNotebook(notebookWith(tsnb), "nb.ipynb");
  } catch (error) {
    expect(error).toBeInstanceOf(NotebookError);
    return error as NotebookError;
  }
  throw new Error("expected the notebook to be rejected");
}

describe("metadata.tsnb", () => {
  it("is read back typed, and is optional", () => {
    expect(tsnbMetadata(parseNotebook(notebookWith(good), "nb.ipynb"))).toEqual(good);
    expect(tsnbMetadata(parseNotebook(notebookWith(undefined), "nb.ipynb"))).toEqual({});
  });

  it.each([
    [{ ...good, seed: "3" }, "metadata.tsnb.seed", /an integer.*got "3"/],
    [{ ...good, seed: 1.5 }, "metadata.tsnb.seed", /an integer/],
    [{ ...good, budget_seconds: 0 }, "metadata.tsnb.budget_seconds", /positive/],
    [{ ...good, slug: "Alpha Scaling" }, "metadata.tsnb.slug", /hyphens/],
    [{ ...good, papers: {} }, "metadata.tsnb.papers", /an array/],
    [
      { ...good, papers: [{ title: "T", authors: 3, year: 2024 }] },
      "metadata.tsnb.papers[0].authors",
      /strings/,
    ],
    [
      { ...good, known_failures: { id: "c1" } },
      "metadata.tsnb.known_failures",
      /an array of \{id, reason\}/,
    ],
    [
      { ...good, known_failures: [{ id: "c1" }] },
      "metadata.tsnb.known_failures[0].reason",
      /why the claim/,
    ],
    [
      { ...good, known_failures: [good.known_failures[0], good.known_failures[0]] },
      "metadata.tsnb.known_failures[1].id",
      /listed once/,
    ],
    ["fast", "metadata.tsnb", /an object/],
  ])("rejects %j naming the field", (tsnb, field, expected) => {
    const error = errorOf(tsnb);
    expect(error.file).toBe("nb.ipynb");
    expect(error.field).toBe(field);
    expect(error.message).toContain(`nb.ipynb: field "${field}"`);
    expect(error.message).toMatch(expected);
  });

  it("says when a run took longer than the notebook's budget", () => {
    const nb = parseNotebook(notebookWith(good), "nb.ipynb");
    expect(overBudget(nb, 59.9)).toBeUndefined();
    expect(overBudget(nb, 61)).toBe("over its 60 s budget");
    expect(overBudget(parseNotebook(notebookWith(undefined), "nb.ipynb"), 1e6)).toBeUndefined();
  });
});
