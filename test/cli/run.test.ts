import { describe, expect, it } from "vitest";
import { root, tsnb } from "./tsnb.ts";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const fixture = (name: string) => join(root, "test/cli/fixtures", name);

describe("tsnb run", () => {
  it("exits 0 and prints the JSON summary when cells run and claims pass", async () => {
    const { code, stdout } = await tsnb("run", fixture("passing.ipynb"), "--json");
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({
      cells: 2,
      errors: 0,
      claims: [{ id: "square", status: "pass", measured: 9, paper: "n² (definition)" }],
    });
    expect(typeof summary.seconds).toBe("number");
    // the kernel thread's start-up alone costs CPU; the process's CPU time is recorded
    expect(summary.cpu_seconds).toBeGreaterThan(0);
    expect(summary.cpu_seconds).toBeLessThan(summary.seconds * 4);
  });

  it("overrides the parameters cell with -p and writes the executed notebook with -o", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "tsnb-run-")), "out.ipynb");
    const { code, stdout } = await tsnb(
      "run",
      fixture("passing.ipynb"),
      "-p",
      "n=5",
      "-p",
      "label=hello",
      "-o",
      out,
      "--json",
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout).claims[0].measured).toBe(25);
    const executed = JSON.parse(readFileSync(out, "utf8"));
    const injected = executed.cells[2];
    expect(injected.metadata.tags).toEqual(["injected-parameters"]);
    expect(injected.source).toContain('const label = "hello";');
    expect(JSON.stringify(executed.cells[3].outputs)).toContain("hello 25");
  });

  it("checks -p against the parameters cell: a string stays text, a number must be one, an unknown name is warned of", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "tsnb-run-")), "out.ipynb");
    const run = await tsnb(
      "run",
      fixture("passing.ipynb"),
      "-p",
      "label=42",
      "-p",
      "extra=1",
      "-o",
      out,
      "--json",
    );
    expect(run.code).toBe(0);
    const injected = JSON.parse(readFileSync(out, "utf8")).cells[2].source;
    expect(injected).toContain('const label = "42";');
    expect(injected).toContain("const extra = 1;");
    expect(run.stderr).toContain(
      "warning: -p extra: the parameters cell declares no extra (it declares n, label); injected anyway",
    );
    const bad = await tsnb("run", fixture("passing.ipynb"), "-p", "n=three");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '-p n=three: the parameters cell declares n = 3, a number; "three" is not a number',
    );
  });

  it("lists the declared parameters with --help-parameters", async () => {
    const { code, stdout } = await tsnb("run", fixture("passing.ipynb"), "--help-parameters");
    expect(code).toBe(0);
    expect(stdout.split("\n").slice(1, 4)).toEqual([
      "  name   default    type    help",
      "  n      3          number",
      '  label  "default"  string',
    ]);
  });

  it("exits 1 when a cell raises, and stops there", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "tsnb-run-")), "out.ipynb");
    const { code, stdout, stderr } = await tsnb(
      "run",
      fixture("raising.ipynb"),
      "--json",
      "-o",
      out,
    );
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ cells: 2, errors: 1 });
    // The failing cell's traceback goes to stderr (without colour codes when not a terminal).
    expect(stderr).toContain(
      "tsnb run: cell 2 of the notebook (execution [2]) raised:\nTypeError: ",
    );
    expect(stderr).toContain("    at cell[2]:3:");
    expect(stderr).toContain("> 3 | null!.boom;");
    expect(stderr).not.toContain("\x1b[");
    expect(stderr).not.toMatch(/src\/cli|bin\/tsnb/);
    const executed = JSON.parse(readFileSync(out, "utf8"));
    expect(executed.cells[1].outputs[0]).toMatchObject({
      output_type: "error",
      ename: "TypeError",
    });
    expect(executed.cells[1].outputs[0].traceback.join("\n")).toMatch(/cell\[2\]:3:/);
    expect(executed.cells[2].outputs).toEqual([]);
  });

  it("exits 3 when a claim fails", async () => {
    const { code, stdout } = await tsnb("run", fixture("failing-claim.ipynb"), "--json");
    expect(code).toBe(3);
    expect(JSON.parse(stdout).claims[0]).toMatchObject({ id: "too-high", status: "fail" });
  });

  it("exits 0 when the only failing claim is a listed known failure", async () => {
    const { code, stdout } = await tsnb("run", fixture("known-failure.ipynb"), "--json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout).claims[0]).toMatchObject({ status: "fail", known_failure: true });
  });

  it("exits 2 for an invalid notebook, naming the file and the field", async () => {
    const { code, stderr } = await tsnb("run", fixture("broken.ipynb"));
    expect(code).toBe(2);
    expect(stderr).toMatch(/broken\.ipynb/);
    expect(stderr).toMatch(/source/);
  });

  it("exits 2 for malformed tsnb metadata, naming the field", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tsnb-run-"));
    const file = join(dir, "meta.ipynb");
    const nb = JSON.parse(readFileSync(fixture("passing.ipynb"), "utf8"));
    nb.metadata.tsnb = { ...nb.metadata.tsnb, known_failures: [{ id: "square" }] };
    writeFileSync(file, JSON.stringify(nb));
    const { code, stderr } = await tsnb("run", file, "--json");
    expect(code).toBe(2);
    expect(stderr).toMatch(/meta\.ipynb/);
    expect(stderr).toMatch(/metadata\.tsnb\.known_failures\[0\]\.reason/);
  });

  it("warns on stderr, without failing, when a run exceeds the notebook's budget", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tsnb-run-"));
    const file = join(dir, "slow.ipynb");
    const nb = JSON.parse(readFileSync(fixture("passing.ipynb"), "utf8"));
    nb.metadata.tsnb = { ...nb.metadata.tsnb, budget_seconds: 1e-6 };
    writeFileSync(file, JSON.stringify(nb));
    const { code, stderr } = await tsnb("run", file, "--json");
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /slow\.ipynb ran [0-9.]+ s, over its 0\.000001 s budget \(metadata\.tsnb\.budget_seconds\)/,
    );
  });

  it("exits 2 for bad usage", async () => {
    expect((await tsnb("run")).code).toBe(2);
    expect((await tsnb("run", "a.ipynb", "--no-such-flag")).code).toBe(2);
    expect((await tsnb("frobnicate")).code).toBe(2);
    expect((await tsnb("run", fixture("passing.ipynb"), "-p", "1bad=2")).code).toBe(2);
  });

  it("documents every option in --help", async () => {
    const { code, stdout } = await tsnb("run", "--help");
    expect(code).toBe(0);
    for (const option of [
      "--output",
      "--inplace",
      "--parameter",
      "--help-parameters",
      "--json",
      "--allow-errors",
    ])
      expect(stdout).toContain(option);
  });
});
