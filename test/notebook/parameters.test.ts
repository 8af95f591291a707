import { describe, expect, it } from "vitest";
import { declaredParameters, givenKind, parametersOf } from "../../src/notebook/parameters.ts";
import type { Notebook } from "../../src/notebook/types.ts";

describe("parametersOf", () => {
  it("reads top-level declarations with their default, kind and the comment block above", () => {
    const source = [
      "// Parameters of the run",
      "",
      "// Seed of everything",
      "// (and more).",
      "const seed = 1;",
      'const n: number = -5, label = "abc"; // shown on the chart',
      "let flag = true",
      "const xs = [1, 2];",
      "const t = `x`;",
      "const none = null;",
      "const typed = 3 as number;",
      "function f() { const inner = 1; }",
    ].join("\n");
    expect(parametersOf(source)).toEqual([
      { name: "seed", source: "1", kind: "number", help: "Seed of everything (and more)." },
      { name: "n", source: "-5", kind: "number", help: "shown on the chart" },
      { name: "label", source: '"abc"', kind: "string", help: "shown on the chart" },
      { name: "flag", source: "true", kind: "boolean", help: "" },
      { name: "xs", source: "[1, 2]", kind: "other", help: "" },
      { name: "t", source: "`x`", kind: "string", help: "" },
      { name: "none", source: "null", kind: "null", help: "" },
      { name: "typed", source: "3 as number", kind: "number", help: "" },
    ]);
  });

  it("keeps a comment separated by a blank line out of the help", () => {
    expect(parametersOf("// header\n\nconst a = 1;")[0]!.help).toBe("");
  });
});

describe("declaredParameters", () => {
  const nb = (cells: Notebook["cells"]) => ({ cells });
  it("reads the first code cell tagged parameters, and none without one", () => {
    const cells = [
      { cell_type: "markdown", metadata: { tags: ["parameters"] }, source: "const x = 1;" },
      {
        cell_type: "code",
        metadata: {},
        source: "const y = 1;",
        outputs: [],
        execution_count: null,
      },
      {
        cell_type: "code",
        metadata: { tags: ["parameters"] },
        source: ["const z = 2;\n", "const w = 'a';"],
        outputs: [],
        execution_count: null,
      },
    ] as Notebook["cells"];
    expect(declaredParameters(nb(cells)).map((p) => p.name)).toEqual(["z", "w"]);
    expect(declaredParameters(nb(cells.slice(0, 2)))).toEqual([]);
  });
});

describe("givenKind", () => {
  it("types a -p value as tsnb run reads it: JSON when it parses, else a string", () => {
    expect(["2", "-1e-3", "abc", '"2"', "true", "null", "[1]", "{}"].map(givenKind)).toEqual([
      "number",
      "number",
      "string",
      "string",
      "boolean",
      "null",
      "other",
      "other",
    ]);
  });
});
