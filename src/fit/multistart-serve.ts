// One job of the multi-start pool, in a worker: claim chunks of starts until none are left,
// writing each result into its slot and marking it done (see multistart.ts).
import { createWorkspace, solveFrom } from "./lm.ts";
import { deserializeProblem, DONE, NEXT, WORKER, writeResult } from "./multistart-shared.ts";
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
  const workspace = createWorkspace(problem);
  for (;;) {
    const first = Atomics.add(control, NEXT, chunk);
    if (first >= S) return;
    for (let s = first; s < Math.min(S, first + chunk); s++) {
      writeResult(results, s, solveFrom(problem, problem.starts[s]!, workspace));
      if (Atomics.compareExchange(control, 2 + s, 0, WORKER) === 0) {
        Atomics.add(control, DONE, 1);
        Atomics.notify(control, DONE);
      }
    }
  }
}
