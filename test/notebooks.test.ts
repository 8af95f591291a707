// The snapshot harness: every notebook in notebooks/ runs fresh through the real CLI; its
// normalised outputs are compared with a golden file under test/__snapshots__/notebooks/
// (regenerate with `npm run snapshots:update`, review the diff like Plot's test outputs),
// every claim passes except those listed in metadata.tsnb.known_failures, which must fail.
import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { normalizeNotebook } from "../src/notebook/normalize.ts";
import { parseNotebook } from "../src/notebook/read.ts";
import { sourceText } from "../src/notebook/cells.ts";

const root = fileURLToPath(new URL("../", import.meta.url));
const exec = promisify(execFile);
const files = readdirSync(join(root, "notebooks"))
  .filter((file) => file.endsWith(".ipynb"))
  .sort();

// Notebooks run two at a time (vitest.config.ts maxConcurrency), one per core: each is one
// single-threaded process, and ~20 of them in a row would take the whole CI budget.
describe.concurrent.each(files)("notebooks/%s", (file) => {
  const path = join(root, "notebooks", file);
  const committed = parseNotebook(readFileSync(path, "utf8"), path);
  const meta = (committed.metadata as { tsnb?: Record<string, any> }).tsnb ?? {};
  const budget = typeof meta.budget_seconds === "number" ? meta.budget_seconds : 60;

  it("is committed without outputs and with tsnb metadata", ({ expect }) => {
    for (const cell of committed.cells) {
      if (cell.cell_type !== "code") continue;
      expect(cell.outputs, `cell ${cell.id} has outputs`).toEqual([]);
      expect(cell.execution_count).toBeNull();
    }
    expect(meta.slug).toBe(file.replace(/\.ipynb$/, ""));
    for (const key of ["title", "summary", "seed", "budget_seconds"])
      expect(meta, `metadata.tsnb.${key}`).toHaveProperty(key);
  });

  it(
    "runs without errors, its claims hold as declared, and its outputs match the snapshot",
    // Concurrent tests must assert through their own context's expect (snapshots need it).
    async ({ expect }) => {
      const out = join(mkdtempSync(join(tmpdir(), "tsnb-snap-")), file);
      let stdout: string;
      try {
        ({ stdout } = await exec(
          process.execPath,
          [join(root, "bin/tsnb.js"), "run", path, "-o", out, "--json"],
          {
            cwd: root,
            maxBuffer: 64 * 1024 * 1024,
          },
        ));
      } catch (error) {
        stdout = (error as { stdout: string }).stdout;
      }
      const summary = JSON.parse(stdout);
      const executed = parseNotebook(readFileSync(out, "utf8"), out);
      const errors = executed.cells
        .filter((cell) => cell.cell_type === "code")
        .flatMap((cell) =>
          (cell.outputs as { output_type: string; ename?: string; evalue?: string }[])
            .filter((o) => o.output_type === "error")
            .map((o) => `${cell.id}: ${o.ename}: ${o.evalue}`),
        );
      expect(summary.errors, `cells raised:\n${errors.join("\n")}`).toBe(0);

      const known = new Set<string>(
        (meta.known_failures ?? []).map((entry: { id: string }) => entry.id),
      );
      expect(summary.claims.length, "a notebook states at least one claim").toBeGreaterThan(0);
      for (const id of known)
        expect(
          summary.claims.map((c: { id: string }) => c.id),
          `known failure ${id} is claimed`,
        ).toContain(id);
      for (const claim of summary.claims) {
        const expected = known.has(claim.id) ? "fail" : "pass";
        expect(
          claim.status,
          `claim ${claim.id}: measured ${JSON.stringify(claim.measured)}, expected ${JSON.stringify(claim.expected)}`,
        ).toBe(expected);
      }

      const snapshot = normalizeNotebook(executed, { digestArraysOver: 100 })
        .cells.filter((cell) => cell.cell_type === "code")
        .map((cell) => ({
          id: cell.id,
          source: sourceText(cell).split("\n")[0],
          outputs: cell.outputs,
        }));
      await expect(JSON.stringify(snapshot, null, 1) + "\n").toMatchFileSnapshot(
        `__snapshots__/notebooks/${file.replace(/\.ipynb$/, "")}.json`,
      );
    },
    // A hang guard, not a speed check (budgets are product decisions measured in CPU time by
    // `npm run bench -- notebooks`): wall time stretches with the machine's load.
    Math.max(600, budget * 5) * 1000,
  );
});
