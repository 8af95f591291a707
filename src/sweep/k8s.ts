// Past one Slurm cluster: the same manifest and point command as a Kubernetes Indexed Job
// (`completionMode: Indexed`); the controller gives each pod JOB_COMPLETION_INDEX, which
// `tsnb sweep point DIR` reads as the point's index. DIR must be a volume every pod mounts
// (a ReadWriteMany PersistentVolumeClaim) holding the notebook, sweep.json and the results.
import { resolve } from "node:path";
import type { SweepManifest } from "./manifest.ts";

export interface IndexedJobOptions {
  /** A container image with Node and this checkout (its `npm ci` done) at `workdir`. */
  image: string;
  workdir: string;
  /** The PersistentVolumeClaim mounted at DIR's path in every pod. */
  claim: string;
  /** How many pods run at once (Slurm's %LIMIT). */
  parallelism: number;
}

export function indexedJob(dir: string, manifest: SweepManifest, options: IndexedJobOptions) {
  const abs = resolve(dir);
  const n = manifest.points.length;
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name: `tsnb-sweep-${manifest.notebook_hash.slice(0, 10)}`,
      labels: { "app.kubernetes.io/name": "tsnb-sweep" },
    },
    spec: {
      completionMode: "Indexed",
      completions: n,
      parallelism: Math.min(options.parallelism, n),
      // A failed point exits non-zero; retries are a re-run of the sweep (it skips done points).
      backoffLimit: n,
      template: {
        metadata: { labels: { "app.kubernetes.io/name": "tsnb-sweep" } },
        spec: {
          restartPolicy: "Never",
          containers: [
            {
              name: "point",
              image: options.image,
              workingDir: options.workdir,
              command: ["node", "bin/tsnb.js", "sweep", "point", abs],
              resources: { requests: { cpu: "1" } },
              volumeMounts: [{ name: "sweep", mountPath: abs }],
            },
          ],
          volumes: [{ name: "sweep", persistentVolumeClaim: { claimName: options.claim } }],
        },
      },
    },
  };
}
