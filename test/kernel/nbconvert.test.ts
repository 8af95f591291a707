// A whole notebook through Jupyter's own executor: `jupyter nbconvert --execute` (nbclient)
// launches tsnb from its kernelspec, and the outputs must equal what the headless runner
// writes for the same notebook, after the shared snapshot normaliser.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalizeOutputs } from "../../src/notebook/normalize.ts";
import { jupyterHome, PYTHON, runProcess, stopAll, type JupyterHome } from "./jupyter.ts";

const REPO = resolve(import.meta.dirname, "../..");
const NOTEBOOK = join(REPO, "notebooks/tour.ipynb");

interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: unknown[];
}

const codeCells = (path: string) =>
  (JSON.parse(readFileSync(path, "utf8")) as { cells: Cell[] }).cells.filter(
    (cell) => cell.cell_type === "code",
  );

let home: JupyterHome;

beforeAll(() => {
  home = jupyterHome();
});

afterAll(async () => {
  await stopAll();
  home?.remove();
});

describe("jupyter nbconvert --execute with the tsnb kernel", () => {
  it("executes the tour and produces the runner's outputs", async () => {
    const byKernel = join(home.root, "tour.kernel.ipynb");
    const byRunner = join(home.root, "tour.runner.ipynb");
    const [converted, ran] = await Promise.all([
      runProcess(
        PYTHON,
        [
          "-Xfrozen_modules=off",
          "-m",
          "nbconvert",
          "--to",
          "notebook",
          "--execute",
          "--ExecutePreprocessor.kernel_name=tsnb",
          "--ExecutePreprocessor.timeout=120",
          "--output-dir",
          home.root,
          "--output",
          "tour.kernel.ipynb",
          NOTEBOOK,
        ],
        { env: home.env, cwd: home.root, timeoutMs: 150_000 },
      ),
      runProcess(
        process.execPath,
        [join(REPO, "bin/tsnb.js"), "run", NOTEBOOK, "-o", byRunner, "--json"],
        { cwd: REPO, timeoutMs: 150_000 },
      ),
    ]);
    expect(converted.code, converted.stderr).toBe(0);
    expect([0, 1, 3], ran.stderr).toContain(ran.code);
    const kernelCells = codeCells(byKernel);
    const runnerCells = codeCells(byRunner);
    expect(kernelCells.length).toBe(runnerCells.length);
    expect(
      kernelCells.every((cell) => (cell.outputs?.length ?? 0) > 0 || cell === kernelCells[0]),
    ).toBe(true);
    for (let i = 0; i < kernelCells.length; i++) {
      const source = [kernelCells[i]!.source].flat().join("");
      expect(normalizeOutputs(kernelCells[i]!.outputs as never), `cell ${i}:\n${source}`).toEqual(
        normalizeOutputs(runnerCells[i]!.outputs as never),
      );
    }
  }, 180_000);
});
