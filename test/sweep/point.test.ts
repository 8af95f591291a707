import { describe, expect, it } from "vitest";
import { pointArguments } from "../../src/sweep/point.ts";
import type { SweepManifest } from "../../src/sweep/manifest.ts";

const manifest = {
  notebook: "/nb/x.ipynb",
  notebook_hash: "h",
  points: [],
} as unknown as SweepManifest;
const point = {
  index: 0,
  id: "abc",
  parameters: { n: "2", label: "a b" },
  status: "pending" as const,
  exit_code: null,
  seconds: null,
  host: null,
};

describe("a point's tsnb run", () => {
  it("runs the notebook into points/<id>.ipynb with --json and one -p per parameter", () => {
    expect(pointArguments("/d", manifest, point)).toEqual([
      "run",
      "/nb/x.ipynb",
      "-o",
      "/d/points/abc.ipynb",
      "--json",
      "-p",
      "n=2",
      "-p",
      "label=a b",
    ]);
  });

  it("passes the sweep's --timeout through to tsnb run", () => {
    expect(pointArguments("/d", { ...manifest, timeout: 30 }, point).slice(-2)).toEqual([
      "--timeout",
      "30",
    ]);
  });
});
