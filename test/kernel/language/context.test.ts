import { describe, expect, it } from "vitest";
import { buildContext } from "../../../src/runtime/language/context.ts";

describe("buildContext", () => {
  it("keeps declarations of earlier cells and drops their expression statements", () => {
    const context = buildContext(["const a = 1;\nconsole.log(a);\nfunction f() {}"], "a");
    expect(context.text).toContain("const a = 1;");
    expect(context.text).toContain("function f() {}");
    expect(context.text).not.toContain("console.log");
    expect(context.text.slice(context.offset, context.offset + 1)).toBe("a");
  });

  it("keeps only the newest declaration of a name re-declared in a later cell", () => {
    const context = buildContext(["const x = 1;", "const x = 'now a string';"], "x");
    expect(context.text).not.toContain("const x = 1;");
    expect(context.text).toContain("const x = 'now a string';");
  });

  it("drops an earlier declaration the current code declares again", () => {
    const context = buildContext(["let total = 0;"], "let total = 5;\ntotal");
    expect(context.text.indexOf("let total")).toBe(context.offset);
  });

  it("keeps overloads and doc comments of one cell together", () => {
    const cell =
      "/** Doc. */\nfunction g(a: string): string;\nfunction g(a: number): number;\nfunction g(a: any) { return a; }";
    expect(buildContext([cell], "").text).toContain(cell);
  });

  it("keeps imports, destructured names and types", () => {
    const cells = [
      'import { rng } from "tsnb";',
      "const { p, q: [r] } = { p: 1, q: [2] };",
      "interface Point { x: number }\ntype Id = string;",
    ];
    const text = buildContext(cells, "").text;
    for (const part of [
      'import { rng } from "tsnb";',
      "const { p, q: [r] }",
      "interface Point",
      "type Id",
    ])
      expect(text).toContain(part);
  });
});
