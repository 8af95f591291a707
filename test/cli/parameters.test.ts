import { describe, expect, it } from "vitest";
import { formatParameters, typedLiteral } from "../../src/cli/parameters.ts";
import type { DeclaredParameter } from "../../src/notebook/parameters.ts";

const budgets: DeclaredParameter = {
  name: "maxSteps",
  source: "{ softmax: 8000, generalise: 2000 }",
  kind: "other",
  help: "Step budgets.",
};

describe("-p values for object or array parameters", () => {
  it("takes a JSON value as it is", () => {
    expect(typedLiteral("maxSteps", '{"softmax": 10, "generalise": 5}', budgets)).toBe(
      '{"softmax":10,"generalise":5}',
    );
    expect(typedLiteral("maxSteps", "[1, 2]", budgets)).toBe("[1,2]");
  });

  it("refuses text that is not JSON, and shows the default spelled as JSON", () => {
    expect(() => typedLiteral("maxSteps", "{softmax: 10}", budgets)).toThrow(
      `-p maxSteps={softmax: 10}: the parameters cell declares maxSteps = { softmax: 8000, generalise: 2000 }; ` +
        `give it a JSON value (object keys in double quotes), e.g. -p 'maxSteps={"softmax":8000,"generalise":2000}'`,
    );
  });

  it("leaves a declaration without a default free to take text", () => {
    const bare: DeclaredParameter = { name: "x", source: "undefined", kind: "other", help: "" };
    expect(typedLiteral("x", "abc", bare)).toBe('"abc"');
    expect(formatParameters("nb.ipynb", [bare]).split("\n")[2]).toBe("  x     undefined  any");
  });

  it("lists such a parameter as JSON, with an example of how to set it", () => {
    const text = formatParameters("nb.ipynb", [
      { name: "seed", source: "0", kind: "number", help: "" },
      budgets,
    ]);
    expect(text.split("\n").slice(1)).toEqual([
      "  name      default                              type    help",
      "  seed      0                                    number",
      "  maxSteps  { softmax: 8000, generalise: 2000 }  JSON    Step budgets.",
      `A JSON parameter takes a JSON value, e.g. -p 'maxSteps={"softmax":8000,"generalise":2000}'.`,
      "",
    ]);
  });
});
