// One job of the multi-start pool, in a worker: claim chunks of starts until none are left,
// writing each result into its slot and marking it done (see multistart.ts).
import { createWorkspace, solveFrom } from "./lm.ts";
import { deserializeProblem, DONE, NEXT, SLOT, WORKER } from "./multistart-shared.ts";
import type { SerializedProblem } from "./multistart-shared.ts";

interface Job extends SerializedProblem {
  control: Int32Array;
  results: Float64Array;
  chunk: number;
}

export function serveStarts(job: Job): void {
  const { control, results, chunk } = job;
  const problem = deserializeProblem(job);
  const S = problem.starts.length;
  const P = problem.params.length;
  const workspace = createWorkspace(problem);
  for (;;) {
    const first = Atomics.add(control, NEXT, chunk);
    if (first >= S) return;
    for (let s = first; s < Math.min(S, first + chunk); s++) {
      const r = solveFrom(problem, problem.starts[s]!, workspace);
      const base = s * (P + SLOT);
      results.set(r.theta, base);
      results[base + P] = r.objective;
      results[base + P + 1] = r.converged ? 1 : 0;
      results[base + P + 2] = r.iterations;
      if (Atomics.compareExchange(control, 2 + s, 0, WORKER) === 0) {
        Atomics.add(control, DONE, 1);
        Atomics.notify(control, DONE);
      }
    }
  }
}
