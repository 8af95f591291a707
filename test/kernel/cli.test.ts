// `tsnb kernel install / list / uninstall` as a user runs them, checked with Jupyter's own
// `jupyter kernelspec list --json`.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PYTHON, runProcess } from "./jupyter.ts";

const REPO = resolve(import.meta.dirname, "../..");
const home = mkdtempSync(join(tmpdir(), "tsnb-cli-"));
const env = {
  ...process.env,
  JUPYTER_DATA_DIR: join(home, "data"),
  JUPYTER_PATH: join(home, "prefix/share/jupyter"),
  PYDEVD_DISABLE_FILE_VALIDATION: "1",
};
const tsnb = (...args: string[]) =>
  runProcess(process.execPath, [join(REPO, "bin/tsnb.js"), "kernel", ...args], {
    env,
    cwd: home,
    timeoutMs: 60_000,
  });

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe("tsnb kernel", () => {
  it("install --prefix writes kernel.json with absolute argv and the logos", async () => {
    const result = await tsnb("install", "--prefix", join(home, "prefix"));
    expect(result.code, result.stderr).toBe(0);
    const folder = join(home, "prefix/share/jupyter/kernels/tsnb");
    const spec = JSON.parse(readFileSync(join(folder, "kernel.json"), "utf8"));
    expect(spec).toMatchObject({
      display_name: "TypeScript (tsnb)",
      language: "typescript",
      interrupt_mode: "message",
    });
    expect(spec.argv).toEqual([
      process.execPath,
      join(REPO, "kernel/launch.mjs"),
      "{connection_file}",
    ]);
    for (const logo of ["logo-32x32.png", "logo-64x64.png", "logo-svg.svg"])
      expect(existsSync(join(folder, logo))).toBe(true);
  }, 60_000);

  it("install --user goes to the Jupyter data dir, where jupyter itself finds it", async () => {
    expect((await tsnb("install", "--user")).code).toBe(0);
    const listed = await runProcess(
      PYTHON,
      ["-Xfrozen_modules=off", "-m", "jupyter_client.kernelspecapp", "list", "--json"],
      { env, cwd: home, timeoutMs: 60_000 },
    );
    const specs = JSON.parse(listed.stdout).kernelspecs as Record<
      string,
      { resource_dir: string; spec: { display_name: string } }
    >;
    expect(specs.tsnb?.spec.display_name).toBe("TypeScript (tsnb)");
  }, 60_000);

  it("list reports the installed kernelspec and checks its argv", async () => {
    const result = await tsnb("list");
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/✓ tsnb\s+TypeScript \(tsnb\)/);
  }, 60_000);

  it("uninstall removes it again", async () => {
    expect((await tsnb("uninstall", "--user")).code).toBe(0);
    expect((await tsnb("uninstall", "--prefix", join(home, "prefix"))).code).toBe(0);
    expect(existsSync(join(home, "data/kernels/tsnb"))).toBe(false);
    const result = await tsnb("list");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("tsnb is not installed");
  }, 60_000);

  it("rejects unknown options with usage and exit code 2", async () => {
    const result = await tsnb("install", "--everywhere");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown option "--everywhere"');
  }, 60_000);
});
