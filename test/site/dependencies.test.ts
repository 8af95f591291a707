import { afterEach, describe, expect, it, vi } from "vitest";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileDependencies } from "../../src/site/dependencies.ts";
import { executeCached, type Executor } from "../../src/site/execute.ts";
import { makeNotebook } from "./notebook-builders.ts";

let root: string;
afterEach(async () => rm(root, { recursive: true, force: true }));

async function project(): Promise<string> {
  root = await mkdtemp(join(tmpdir(), "tsnb-deps-"));
  const notebooks = join(root, "notebooks");
  await mkdir(join(notebooks, "sweep-points"), { recursive: true });
  await writeFile(join(notebooks, "sweep-points", "p.ipynb"), '{"cells": []}');
  await writeFile(join(notebooks, "data.csv"), "x,y\n1,2\n");
  await writeFile(join(root, "outside.txt"), "secret");
  return notebooks;
}

describe("fileDependencies", () => {
  it("hashes the local files the code names, and nothing else", async () => {
    const notebooks = await project();
    const notebook = makeNotebook({
      slug: "a",
      code: [
        'import { runSweep } from "tsnb";\nconst nb = "sweep-points/p.ipynb";',
        "const rows = readFileSync('./data.csv', 'utf8'); display(\"text/html\", `x`);",
        'readFileSync("../outside.txt"); readFileSync("missing.csv"); readFileSync("a.ipynb");',
      ],
    });
    const deps = await fileDependencies(notebook, join(notebooks, "a.ipynb"));
    expect(Object.keys(deps)).toEqual(["data.csv", "sweep-points/p.ipynb"]);
    expect(Object.values(deps).every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
  });
});

describe("the execution cache and local files", () => {
  it("re-executes a notebook when a file its code names changes, and only then", async () => {
    const notebooks = await project();
    const source = {
      file: join(notebooks, "a.ipynb"),
      slug: "a",
      notebook: makeNotebook({
        slug: "a",
        code: ['runSweep({ notebook: "sweep-points/p.ipynb" })'],
      }),
    };
    const executor = vi.fn<Executor>(async (notebook, { file }) => ({
      notebook,
      summary: { notebook: file, cells: 1, errors: 0, claims: [], seconds: 1 },
    }));
    const options = {
      executor,
      cacheDir: join(root, "cache"),
      readCache: true,
      allowErrors: false,
      tsnbVersion: "0.1.0",
      lockfileHash: "abc",
      nodeVersion: "v20",
      now: () => new Date("2026-01-02T03:04:05Z"),
    };
    expect((await executeCached(source, options))?.cached).toBe(false);
    expect((await executeCached(source, options))?.cached).toBe(true);
    await writeFile(join(notebooks, "sweep-points", "p.ipynb"), '{"cells": [1]}');
    expect((await executeCached(source, options))?.cached).toBe(false);
    expect((await executeCached(source, options))?.cached).toBe(true);
    expect(executor).toHaveBeenCalledTimes(2);
  });
});
