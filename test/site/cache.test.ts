import { afterEach, describe, expect, it, vi } from "vitest";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { INotebookContent } from "@jupyterlab/nbformat";
import { cacheKey, mergeOutputs, readCacheEntry, writeCacheEntry } from "../../src/site/cache.ts";
import { executeCached, type Executor, type ExecuteStageOptions } from "../../src/site/execute.ts";
import { claimOutput, errorOutput, makeNotebook } from "./notebook-builders.ts";

const base = { tsnbVersion: "0.1.0", lockfileHash: "abc" };
const key = (
  notebook: INotebookContent,
  extra: Partial<typeof base> & { parameters?: Record<string, string> } = {},
) => cacheKey({ notebook, ...base, ...extra });

describe("cacheKey", () => {
  const nb = makeNotebook({ slug: "a", code: ["const x = 1;", "x + 1"] });

  it("is stable for the same notebook", () => {
    expect(key(nb)).toBe(key(structuredClone(nb)));
    expect(key(nb)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes when a code cell changes", () => {
    expect(key(makeNotebook({ slug: "a", code: ["const x = 2;", "x + 1"] }))).not.toBe(key(nb));
  });

  it("does not change when outputs or execution counts change", () => {
    const executed = makeNotebook({
      slug: "a",
      code: ["const x = 1;", "x + 1"],
      outputs: [[], [claimOutput("c", true)]],
    });
    expect(key(executed)).toBe(key(nb));
    const rerun = makeNotebook({
      slug: "a",
      code: ["const x = 1;", "x + 1"],
      outputs: [[errorOutput()], []],
    });
    expect(key(rerun)).toBe(key(nb));
  });

  it("does not change when only markdown or the title changes (they are re-rendered, not re-run)", () => {
    const edited = makeNotebook({
      slug: "a",
      code: ["const x = 1;", "x + 1"],
      markdown: "# Other words",
    });
    (edited.metadata.tsnb as Record<string, unknown>).title = "New title";
    expect(key(edited)).toBe(key(nb));
  });

  it("changes with the seed, the parameters, the tsnb version and the lockfile", () => {
    const keys = new Set([
      key(nb),
      key(makeNotebook({ slug: "a", code: ["const x = 1;", "x + 1"], seed: 2 })),
      key(nb, { parameters: { steps: "10" } }),
      key(nb, { tsnbVersion: "0.2.0" }),
      key(nb, { lockfileHash: "def" }),
    ]);
    expect(keys.size).toBe(5);
  });

  it("ignores the order parameters were given in", () => {
    expect(key(nb, { parameters: { a: "1", b: "2" } })).toBe(
      key(nb, { parameters: { b: "2", a: "1" } }),
    );
  });

  it("changes when a cell's tags change (the parameters tag moves injection)", () => {
    const tagged = structuredClone(nb);
    tagged.cells[1]!.metadata = { tags: ["parameters"] };
    expect(key(tagged)).not.toBe(key(nb));
  });
});

describe("cache entries", () => {
  let dir: string;
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it("round-trips an entry and keeps one entry per notebook", async () => {
    dir = await mkdtemp(join(tmpdir(), "tsnb-cache-"));
    const notebook = makeNotebook({ slug: "a" });
    const summary = { notebook: "a.ipynb", cells: 1, errors: 0, claims: [], seconds: 1 };
    await writeCacheEntry(dir, {
      key: "1".repeat(64),
      slug: "a",
      executedAt: "t1",
      nodeVersion: "v20",
      notebook,
      summary,
    });
    await writeCacheEntry(dir, {
      key: "2".repeat(64),
      slug: "a",
      executedAt: "t2",
      nodeVersion: "v20",
      notebook,
      summary,
    });
    await writeCacheEntry(dir, {
      key: "3".repeat(64),
      slug: "a-b",
      executedAt: "t3",
      nodeVersion: "v20",
      notebook,
      summary,
    });
    expect((await readdir(dir)).sort()).toEqual([
      `a-${"2".repeat(24)}.json`,
      `a-b-${"3".repeat(24)}.json`,
    ]);
    expect((await readCacheEntry(dir, "a", "2".repeat(64)))?.executedAt).toBe("t2");
    expect(await readCacheEntry(dir, "a", "1".repeat(64))).toBeUndefined();
  });
});

describe("mergeOutputs", () => {
  it("keeps today's markdown and metadata, and takes the cached run's outputs", () => {
    const cached = makeNotebook({
      slug: "a",
      code: ["1", "2"],
      outputs: [[claimOutput("x", true)], []],
      markdown: "old",
    });
    const current = makeNotebook({ slug: "a", code: ["1", "2"], markdown: "new words" });
    const merged = mergeOutputs(current, cached);
    expect(merged.cells[0]!.source).toBe("new words");
    expect(merged.cells[1]!.outputs).toEqual([claimOutput("x", true)]);
    expect(merged.cells[1]!.execution_count).toBe(1);
  });
});

describe("executeCached", () => {
  let dir: string;
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  const stage = (
    executor: Executor,
    extra: Partial<ExecuteStageOptions> = {},
  ): ExecuteStageOptions => ({
    executor,
    cacheDir: dir,
    readCache: true,
    allowErrors: false,
    ...base,
    nodeVersion: "v20",
    now: () => new Date("2026-01-02T03:04:05Z"),
    ...extra,
  });
  const runWith = (outputs: INotebookContent["cells"][number]["outputs"][]) =>
    vi.fn<Executor>(async (notebook, { file }) => ({
      notebook: {
        ...notebook,
        cells: notebook.cells.map((c, i) =>
          c.cell_type === "code" ? { ...c, outputs: outputs[i - 1] ?? [], execution_count: i } : c,
        ),
      },
      summary: {
        notebook: file,
        cells: 1,
        errors: outputs.flat().filter((o) => (o as { output_type: string }).output_type === "error")
          .length,
        claims: [],
        seconds: 2,
      },
    }));

  it("executes on a miss, then serves the second build from the cache without executing", async () => {
    dir = await mkdtemp(join(tmpdir(), "tsnb-cache-"));
    const source = { file: "a.ipynb", slug: "a", notebook: makeNotebook({ slug: "a" }) };
    const executor = runWith([[claimOutput("x", true)]]);
    const first = await executeCached(source, stage(executor));
    expect(first?.cached).toBe(false);
    const second = await executeCached(source, stage(executor));
    expect(executor).toHaveBeenCalledTimes(1);
    expect(second?.cached).toBe(true);
    expect(second?.executedAt).toBe("2026-01-02T03:04:05.000Z");
    expect(second?.summary.claims).toEqual([{ id: "x", status: "pass" }]);
  });

  it("executes again with --no-cache, and after a code change", async () => {
    dir = await mkdtemp(join(tmpdir(), "tsnb-cache-"));
    const source = { file: "a.ipynb", slug: "a", notebook: makeNotebook({ slug: "a" }) };
    const executor = runWith([[]]);
    await executeCached(source, stage(executor));
    await executeCached(source, stage(executor, { readCache: false }));
    await executeCached(
      { ...source, notebook: makeNotebook({ slug: "a", code: ["2 + 2"] }) },
      stage(executor),
    );
    expect(executor).toHaveBeenCalledTimes(3);
  });

  it("caches a run where a cell raised (nothing changed, nothing re-executes), errors kept", async () => {
    dir = await mkdtemp(join(tmpdir(), "tsnb-cache-"));
    const source = { file: "a.ipynb", slug: "a", notebook: makeNotebook({ slug: "a" }) };
    const executor = runWith([[errorOutput()]]);
    await executeCached(source, stage(executor));
    const second = await executeCached(source, stage(executor));
    expect(executor).toHaveBeenCalledTimes(1);
    expect(second?.cached).toBe(true);
    expect(second?.summary.errors).toBe(1);
    expect(second?.executed.cells[1]!.outputs).toEqual([errorOutput()]);
  });

  it("does not cache an executor crash", async () => {
    dir = await mkdtemp(join(tmpdir(), "tsnb-cache-"));
    const source = { file: "a.ipynb", slug: "a", notebook: makeNotebook({ slug: "a" }) };
    let calls = 0;
    const crash: Executor = async () => {
      calls++;
      throw new Error("worker exited");
    };
    await executeCached(source, stage(crash));
    await executeCached(source, stage(crash));
    expect(calls).toBe(2);
  });

  it("in cache-only mode returns nothing on a miss and never executes", async () => {
    dir = await mkdtemp(join(tmpdir(), "tsnb-cache-"));
    const executor = runWith([[]]);
    const result = await executeCached(
      { file: "a.ipynb", slug: "a", notebook: makeNotebook({ slug: "a" }) },
      stage(executor, { cacheOnly: true }),
    );
    expect(result).toBeUndefined();
    expect(executor).not.toHaveBeenCalled();
  });

  it("turns an executor crash into a failed page instead of aborting the build", async () => {
    dir = await mkdtemp(join(tmpdir(), "tsnb-cache-"));
    const result = await executeCached(
      { file: "a.ipynb", slug: "a", notebook: makeNotebook({ slug: "a" }) },
      stage(async () => Promise.reject(new Error("kernel died"))),
    );
    expect(result?.failure).toBe("kernel died");
    expect(result?.summary.errors).toBe(1);
  });
});
