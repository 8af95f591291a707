// Completion and inspection against the real TypeScript language service (one instance for the
// file: creating it parses the libraries, which takes seconds on a loaded machine).
import { beforeAll, describe, expect, it } from "vitest";
import { createLanguageTools, type LanguageTools } from "../../../src/runtime/language/index.ts";

let tools: LanguageTools;
const cells = [
  "const values = [1, 2, 3];\nconst greeting: string = 'hi';",
  "/** Adds two numbers.\n * @param a the first\n */\nfunction add(a: number, b: number): number { return a + b; }",
  "class Counter { count = 0; increment(): void { this.count++; } }\nconst counter = new Counter();",
  'import * as P from "@observablehq/plot";',
];
const names = (code: string, cursor = code.length, history = cells) =>
  tools.complete(history, code, cursor).matches.map((match) => match.text);

beforeAll(() => {
  tools = createLanguageTools({ rootDir: process.cwd() });
  tools.complete([], "", 0);
}, 120_000);

describe("complete", () => {
  it("lists members of a variable declared in an earlier cell, by its type", () => {
    expect(names("values.")).toEqual(expect.arrayContaining(["map", "filter", "length"]));
    expect(names("greeting.toUp")).toEqual(["toUpperCase"]);
    expect(names("counter.")).toEqual(expect.arrayContaining(["count", "increment"]));
  });

  it("returns the span of the word being completed", () => {
    const code = "const y = greeting.toLo";
    const result = tools.complete(cells, code, code.length);
    expect(result.cursor_start).toBe(code.length - 4);
    expect(result.cursor_end).toBe(code.length);
  });

  it("completes in the middle of the code, not only at its end", () => {
    const code = "values.fi\nconsole.log(1)";
    expect(tools.complete(cells, code, 9).matches.map((match) => match.text)).toEqual(
      expect.arrayContaining(["filter", "find"]),
    );
  });

  it("completes cell-scope names with their kind and signature", () => {
    const match = tools.complete(cells, "ad", 2).matches.find((entry) => entry.text === "add");
    expect(match).toEqual({
      text: "add",
      type: "function",
      signature: "function add(a: number, b: number): number",
    });
    expect(tools.complete(cells, "Coun", 4).matches[0]).toMatchObject({
      text: "Counter",
      type: "class",
    });
  });

  it("completes module exports: a namespace import and the Plot global", () => {
    expect(names("P.lin")).toEqual(expect.arrayContaining(["line", "lineY"]));
    expect(names("Plot.do")).toEqual(expect.arrayContaining(["dot", "dotX"]));
  });

  // Importing "tsnb" brings all of its sources into the program the first time: slow under load.
  it("completes named imports from tsnb and keywords", () => {
    expect(names('import { rn } from "tsnb"', 11, [])).toContain("rng");
    expect(names("retu", 4, [])).toContain("return");
  }, 90_000);

  it("knows the cell globals' types from tsnb", () => {
    expect(names("display.up", 10, [])).toEqual(["update"]);
    expect(names("tab", 3, [])).toContain("table");
  });

  it("sees the newest type of a name re-declared in a later cell", () => {
    expect(names("v.toFi", 6, ["const v = 'text'", "const v = 3.5"])).toEqual(["toFixed"]);
  });
});

describe("inspect", () => {
  it("shows the signature and doc comment of a function declared in a cell", () => {
    const result = tools.inspect(cells, "add(1, 2)", 1, 0);
    expect(result.found).toBe(true);
    expect(result.data["text/plain"]).toContain("function add(a: number, b: number): number");
    expect(result.data["text/plain"]).toContain("Adds two numbers.");
    expect(result.data["text/plain"]).toContain("@param a the first");
    expect(result.data["text/markdown"]).toContain("```typescript");
  });

  it("inspects the name just before the cursor and a library member", () => {
    expect(tools.inspect(cells, "greeting", 8, 0).data["text/plain"]).toContain(
      "const greeting: string",
    );
    expect(tools.inspect(cells, "Math.max", 8, 0).data["text/plain"]).toContain(
      "Returns the larger of a set of supplied numeric expressions",
    );
  });

  it("inside a call's arguments shows the called function's signature", () => {
    expect(tools.inspect(cells, "add(1, ", 7, 0).data["text/plain"]).toContain(
      "add(a: number, b: number): number",
    );
  });

  it("adds the declaration's source at detail_level 1", () => {
    const detailed = tools.inspect(cells, "add", 3, 1).data["text/plain"];
    expect(detailed).toContain("return a + b;");
    expect(tools.inspect(cells, "add", 3, 0).data["text/plain"]).not.toContain("return a + b;");
  });

  it("reports not found where there is no name, or a name nothing declares", () => {
    expect(tools.inspect(cells, "   ", 1, 0).found).toBe(false);
    expect(tools.inspect(cells, "undeclaredThing", 5, 0).found).toBe(false);
  });
});

describe("diagnose", () => {
  it("finds a type error against the earlier cells' declarations, at its line and column", () => {
    expect(tools.diagnose(cells, "const n = 1;\nconst s: number = greeting;")).toEqual([
      {
        line: 2,
        column: 7,
        code: 2322,
        message: "Type 'string' is not assignable to type 'number'.",
      },
    ]);
    expect(tools.diagnose(cells, "add(1, 'two')")).toMatchObject([
      { line: 1, column: 8, code: 2345 },
    ]);
    expect(tools.diagnose(cells, "nothingDeclaresThis + 1")).toMatchObject([{ code: 2304 }]);
  });

  it("finds nothing in correct code, top-level await and cell globals included", () => {
    expect(
      tools.diagnose(cells, "const total = add(values[0]!, 2);\nawait Promise.resolve(total);"),
    ).toEqual([]);
    expect(tools.diagnose(cells, "md`# ${greeting}`;\ntable([{ a: 1 }]);")).toEqual([]);
  });

  it("leaves alone what TypeScript's own comments silence", () => {
    expect(
      tools.diagnose(cells, "// @ts-expect-error: on purpose\nconst s: number = greeting;"),
    ).toEqual([]);
    expect(tools.diagnose(cells, "// @ts-nocheck\nconst s: number = greeting;")).toEqual([]);
  });
});

describe("the cell environment is Node", () => {
  it("offers Node globals but not browser-only ones", () => {
    expect(names("proc", 4, [])).toContain("process");
    expect(names("addEventListe", 13, [])).toEqual([]);
  });
});
