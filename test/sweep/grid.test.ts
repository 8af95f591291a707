import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SweepError } from "../../src/sweep/errors.ts";
import {
  checkGrid,
  gridProduct,
  parseAxis,
  readGridFile,
  splitValues,
} from "../../src/sweep/grid.ts";
import { parametersOf } from "../../src/notebook/parameters.ts";

const declared = parametersOf('const n = 2;\nconst label = "a";\nconst sizes = [1, 2];');

describe("sweep grid", () => {
  it("splits values at top-level commas only (JSON arrays, objects and quoted text stay whole)", () => {
    expect(splitValues("1, 2,3")).toEqual(["1", "2", "3"]);
    expect(splitValues('[1,2],{"a":1,"b":[3,4]},"x,y"')).toEqual([
      "[1,2]",
      '{"a":1,"b":[3,4]}',
      '"x,y"',
    ]);
    fc.assert(
      fc.property(fc.array(fc.integer(), { minLength: 1 }), (xs) => {
        expect(splitValues(xs.join(",")).map(Number)).toEqual(xs);
      }),
    );
  });

  it("expands -p axes into their product, the first axis slowest", () => {
    const grid = gridProduct([parseAxis("n=1,2"), parseAxis("label=x,y,z")]);
    expect(grid).toHaveLength(6);
    expect(grid[0]).toEqual({ n: "1", label: "x" });
    expect(grid[3]).toEqual({ n: "2", label: "x" });
  });

  it("reads grid files: CSV rows, a JSON array of objects, a JSON object of arrays", () => {
    const dir = mkdtempSync(join(tmpdir(), "tsnb-grid-"));
    writeFileSync(join(dir, "g.csv"), 'n,label\n1,x\n3,"y,z"\n');
    writeFileSync(join(dir, "a.json"), '[{"n": 1, "sizes": [1, 2]}, {"n": 2, "sizes": [3]}]');
    writeFileSync(join(dir, "o.json"), '{"n": [1, 2], "label": ["p"]}');
    writeFileSync(join(dir, "bad.json"), "[1, 2]");
    expect(readGridFile(join(dir, "g.csv"))).toEqual([
      { n: "1", label: "x" },
      { n: "3", label: "y,z" },
    ]);
    expect(readGridFile(join(dir, "a.json"))).toEqual([
      { n: "1", sizes: "[1,2]" },
      { n: "2", sizes: "[3]" },
    ]);
    expect(readGridFile(join(dir, "o.json"))).toEqual([
      { n: "1", label: "p" },
      { n: "2", label: "p" },
    ]);
    expect(() => readGridFile(join(dir, "bad.json"))).toThrow(/bad-grid/);
  });

  it("names an unknown parameter, a value of the wrong type and an empty grid", () => {
    const reason = (f: () => void) => {
      try {
        f();
      } catch (error) {
        expect(error).toBeInstanceOf(SweepError);
        return (error as SweepError).reason;
      }
      return "no error";
    };
    expect(reason(() => checkGrid([{ width: "3" }], declared, "nb.ipynb"))).toBe(
      "unknown-parameter",
    );
    expect(reason(() => checkGrid([{ n: "three" }], declared, "nb.ipynb"))).toBe("wrong-type");
    expect(reason(() => checkGrid([{ sizes: "{oops" }], declared, "nb.ipynb"))).toBe("wrong-type");
    expect(reason(() => checkGrid([], declared, "nb.ipynb"))).toBe("empty-grid");
    expect(reason(() => parseAxis("n="))).toBe("empty-grid");
    expect(
      reason(() => checkGrid([{ n: "3", label: "7", sizes: "[4]" }], declared, "nb.ipynb")),
    ).toBe("no error");
  });
});
