import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tsnb } from "./tsnb.ts";

const fixture = (name: string) => join("test/cli/fixtures", name);

describe("tsnb check", () => {
  it("lists each type error with its cell, line and column, and exits 1", async () => {
    const file = fixture("type-errors.ipynb");
    const { code, stdout, stderr } = await tsnb("check", file, fixture("passing.ipynb"));
    expect(code).toBe(1);
    expect(stdout.trim().split("\n")).toEqual([
      `${file} cell 2 2:7 TS2322 Type 'string' is not assignable to type 'number'.`,
      `${file} cell 3 3:10 TS2551 Property 'toFixed' does not exist on type '"hi"'. Did you mean 'fixed'?`,
    ]);
    expect(stderr).toContain(`${file}: 2 type errors\n`);
    expect(stderr).toContain(`${fixture("passing.ipynb")}: no type errors\n`);
  }, 60_000);

  it("exits 0 on a clean notebook and 2 on bad usage", async () => {
    expect((await tsnb("check", fixture("passing.ipynb"))).code).toBe(0);
    expect((await tsnb("check")).code).toBe(2);
    expect((await tsnb("check", "--strict", fixture("passing.ipynb"))).stderr).toContain(
      "unknown option --strict",
    );
  }, 60_000);
});
