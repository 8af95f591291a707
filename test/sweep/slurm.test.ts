import { describe, expect, it } from "vitest";
import { arraySpec, sbatchScript, slurmOptions } from "../../src/sweep/slurm.ts";

describe("slurm job array", () => {
  it("writes the indices of the points to run as sbatch --array ranges", () => {
    expect(arraySpec([0, 1, 2, 3].map((index) => ({ index })))).toBe("0-3");
    expect(arraySpec([5, 0, 1, 3, 7, 8].map((index) => ({ index })))).toBe("0-1,3,5,7-8");
  });

  it("splits --slurm-opt into sbatch arguments, keeping quoted words together", () => {
    expect(slurmOptions('--partition=main --time=00:10:00 --comment "a b"')).toEqual([
      "--partition=main",
      "--time=00:10:00",
      "--comment",
      "a b",
    ]);
    expect(slurmOptions(undefined)).toEqual([]);
  });

  it("runs `tsnb sweep point DIR` with the array task id, logging into DIR/logs", () => {
    const script = sbatchScript("/shared/sweep");
    expect(script).toMatch(/^#!\/bin\/bash\n/);
    expect(script).toContain("#SBATCH --output=/shared/sweep/logs/slurm-%A_%a.log");
    expect(script).toContain("sweep point '/shared/sweep' --index \"$SLURM_ARRAY_TASK_ID\"");
  });
});
