import { describe, expect, it } from "vitest";
import { Job } from "kubernetes-models/batch/v1/Job";
import { indexedJob } from "../../src/sweep/k8s.ts";
import type { SweepManifest } from "../../src/sweep/manifest.ts";

const manifest = {
  notebook: "/work/nb.ipynb",
  notebook_hash: "0123456789abcdef",
  points: [0, 1, 2].map((index) => ({ index, id: `p${index}`, parameters: { n: String(index) } })),
} as unknown as SweepManifest;

describe("kubernetes Indexed Job", () => {
  it("is a valid batch/v1 Job (Kubernetes' own schema) with one completion index per point", () => {
    const job = indexedJob("/shared/sweep", manifest, {
      image: "node:20",
      workdir: "/app",
      claim: "tsnb-sweep",
      parallelism: 8,
    });
    expect(() => new Job(job as never).validate()).not.toThrow();
    expect(job.spec).toMatchObject({ completionMode: "Indexed", completions: 3, parallelism: 3 });
    const container = job.spec.template.spec.containers[0]!;
    expect(container.command).toEqual(["node", "bin/tsnb.js", "sweep", "point", "/shared/sweep"]);
    expect(container.volumeMounts[0]!.mountPath).toBe("/shared/sweep");
  });

  it("the schema check is real: a mistyped field is rejected", () => {
    const job = indexedJob("/s", manifest, {
      image: "i",
      workdir: "/a",
      claim: "c",
      parallelism: 1,
    });
    const broken = { ...job, spec: { ...job.spec, completions: "three" } };
    expect(() => new Job(broken as never).validate()).toThrow(/completions must be integer/);
  });
});
