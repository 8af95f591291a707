// What a hostile or careless notebook does to `tsnb run`: every case ends with a documented
// exit code, a message naming the cell, the summary (and --json) printed, and the -o notebook
// written with every output produced so far, the failing cell's error included.
import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root, tsnb } from "./tsnb.ts";

function notebook(...sources: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "tsnb-hostile-"));
  const file = join(dir, "nb.ipynb");
  const cells = sources.map((source, i) => ({
    cell_type: "code",
    id: `cell-${i}`,
    metadata: i === 0 && source.startsWith("const n") ? { tags: ["parameters"] } : {},
    source,
    outputs: [],
    execution_count: null,
  }));
  writeFileSync(file, JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells }));
  return file;
}

interface Outcome {
  code: number;
  stderr: string;
  summary: { cells: number; errors: number };
  outputs: { output_type: string; ename?: string; evalue?: string; text?: string }[][];
}

async function run(file: string, ...options: string[]): Promise<Outcome> {
  const out = file.replace(/\.ipynb$/, ".out.ipynb");
  const { code, stdout, stderr } = await tsnb("run", file, "-o", out, "--json", ...options);
  const written = JSON.parse(readFileSync(out, "utf8"));
  return {
    code,
    stderr,
    summary: JSON.parse(stdout),
    outputs: written.cells.map((cell: { outputs: unknown[] }) => cell.outputs),
  };
}

const errorOf = (outputs: Outcome["outputs"][number]) =>
  outputs.find((output) => output.output_type === "error");

describe("tsnb run against a hostile notebook", () => {
  it("reports process.exit(0) in a cell as that cell's error (exit 1), keeping earlier outputs", async () => {
    const result = await run(notebook("console.log('before')", "process.exit(0)", "'after'"));
    expect(result.code).toBe(1);
    expect(result.summary).toMatchObject({ cells: 2, errors: 1 });
    expect(result.outputs[0]![0]).toMatchObject({ output_type: "stream", text: "before\n" });
    expect(errorOf(result.outputs[1]!)).toMatchObject({ ename: "ProcessExit" });
    expect(result.outputs[2]).toEqual([]);
    expect(result.stderr).toContain("cell 2 of the notebook");
  });

  it("does not let process.exit(3) pass for 'a claim failed'", async () => {
    const result = await run(notebook("process.exit(3)"));
    expect(result.code).toBe(1);
    expect(errorOf(result.outputs[0]!)?.evalue).toContain("process.exit(3)");
  });

  it("turns running out of memory into a MemoryError of the cell (--max-memory)", async () => {
    const result = await run(
      notebook(
        "const kept = 1",
        "const heap: number[][] = [];\nwhile (true) heap.push(new Array(1e5).fill(1.5));",
      ),
      "--max-memory",
      "96",
    );
    expect(result.code).toBe(1);
    expect(errorOf(result.outputs[1]!)).toMatchObject({ ename: "MemoryError" });
    expect(errorOf(result.outputs[1]!)?.evalue).toContain("96 MiB");
    expect(result.stderr).toContain("cell 2 of the notebook");
  }, 60_000);

  it("stops a cell past --timeout, reports it and ends the run with exit 1", async () => {
    for (const spin of ["while (true) {}", "await new Promise((r) => setTimeout(r, 1e9))"]) {
      const result = await run(notebook("1", spin, "2"), "--timeout", "1");
      expect(result.code).toBe(1);
      expect(result.summary).toMatchObject({ cells: 2, errors: 1 });
      expect(
        errorOf(result.outputs[1]!.filter((o) => o.ename !== "KeyboardInterrupt")),
      ).toMatchObject({ ename: "CellTimeoutError" });
      expect(result.outputs[2]).toEqual([]);
    }
  }, 60_000);

  it("fails an await that nothing can settle instead of hanging or exiting 13", async () => {
    const result = await run(notebook("await new Promise(() => {})", "'never'"));
    expect(result.code).toBe(1);
    expect(errorOf(result.outputs[0]!)).toMatchObject({ ename: "UnsettledAwaitError" });
  });

  it("reports a callback that throws or rejects after its cell returned, never crashing", async () => {
    for (const late of [
      "setTimeout(() => { throw new Error('late boom') }, 20)",
      "setTimeout(() => Promise.reject(new Error('late boom')), 20)",
    ]) {
      const result = await run(
        notebook(late, "await new Promise((r) => setTimeout(r, 500)); 'second'", "'third'"),
      );
      expect(result.code).toBe(1);
      expect(result.summary.errors).toBe(1);
      const error = errorOf(result.outputs[1]!);
      expect(error).toMatchObject({ ename: "LateError" });
      expect(error?.evalue).toContain("late boom");
      // The traceback points into the cell that scheduled the callback.
      expect(result.stderr).toContain("cell[1]:1:");
      expect(result.outputs[2]).toEqual([]);
    }
  }, 120_000);

  it("refuses -p values JSON cannot carry and reserved names with exit 2", async () => {
    const file = notebook("const n = 1;", "n");
    const overflow = await tsnb("run", file, "-p", "n=1e999");
    expect(overflow.code).toBe(2);
    expect(overflow.stderr).toContain("-p n=1e999");
    const reserved = await tsnb("run", file, "-p", "class=1");
    expect(reserved.code).toBe(2);
    expect(reserved.stderr).toContain('"class" is a reserved word');
  });

  it("names a file-system error's code once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tsnb-hostile-"));
    const { code, stderr } = await tsnb("run", dir);
    expect(code).toBe(2);
    expect(stderr).toContain("(EISDIR: illegal operation on a directory");
    expect(stderr).not.toContain("EISDIR EISDIR");
    const missing = await tsnb("run", join(dir, "missing.ipynb"));
    expect(missing.stderr).toContain("(ENOENT: no such file");
  });
});

describe("tsnb run and signals", () => {
  it("on SIGINT interrupts the cell, writes what ran, prints the summary and exits 130", async () => {
    const marker = join(mkdtempSync(join(tmpdir(), "tsnb-hostile-")), "started");
    const file = notebook(
      "console.log('first')",
      `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "");\nwhile (true) {}`,
      "'never'",
    );
    const child = spawn(
      process.execPath,
      [join(root, "bin/tsnb.js"), "run", file, "--inplace", "--json"],
      { cwd: root },
    );
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    const exited = new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
    while (!existsSync(marker)) await new Promise((r) => setTimeout(r, 100));
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(JSON.parse(stdout)).toMatchObject({ cells: 2, errors: 1 });
    const written = JSON.parse(readFileSync(file, "utf8"));
    expect(written.cells[0].outputs[0]).toMatchObject({ text: "first\n" });
    expect(written.cells[1].outputs).toEqual([
      expect.objectContaining({ output_type: "error", ename: "KeyboardInterrupt" }),
    ]);
    expect(readdirSync(join(file, "..")).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  }, 90_000);

  it("removes temp files a killed run left beside the notebook", async () => {
    const file = notebook("1");
    const dir = join(file, "..");
    // A temp file of a process that no longer exists (pid 2^22 + 1 is above Linux's pid_max default).
    const stale = join(dir, `.nb.ipynb.${2 ** 22 + 1}.0123abcd.tmp`);
    writeFileSync(stale, "{partial");
    const { code } = await tsnb("run", file, "--inplace");
    expect(code).toBe(0);
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});

describe("tsnb build-site and signals", () => {
  it("on SIGINT says what it kept, writes no site, and the next build reuses the finished notebooks", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tsnb-hostile-site-"));
    const marker = join(dir, "started");
    const write = (name: string, source: string) =>
      writeFileSync(
        join(dir, "notebooks", name),
        JSON.stringify({
          nbformat: 4,
          nbformat_minor: 5,
          metadata: {},
          cells: [
            {
              cell_type: "code",
              id: "c",
              metadata: {},
              source,
              outputs: [],
              execution_count: null,
            },
          ],
        }),
      );
    mkdirSync(join(dir, "notebooks"));
    write("a.ipynb", "1 + 1");
    write(
      "b.ipynb",
      `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "");\nwhile (true) {}`,
    );
    const build = () =>
      spawn(
        process.execPath,
        [join(root, "bin/tsnb.js"), "build-site", "--notebooks", "notebooks", "--out", "dist"],
        { cwd: dir },
      );
    const child = build();
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
    while (!existsSync(marker)) await new Promise((r) => setTimeout(r, 100));
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(stderr).toMatch(
      /tsnb build-site: interrupted; 1 notebook finished and cached, the site was not written/,
    );
    expect(existsSync(join(dir, "dist"))).toBe(false);

    write("b.ipynb", "2 + 2");
    const again = build();
    let log = "";
    again.stderr.on("data", (chunk) => (log += chunk));
    expect(await new Promise((r) => again.on("exit", r))).toBe(0);
    expect(log).toMatch(/1 executed, 1 cached/);
    expect(existsSync(join(dir, "dist", "index.html"))).toBe(true);
  }, 120_000);
});
