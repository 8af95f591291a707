import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const fixture = (name: string) => join("test/cli/fixtures", name);
const exec = promisify(execFile);

async function tsnb(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [join(root, "bin/tsnb.js"), ...args], {
      cwd: root,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

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
