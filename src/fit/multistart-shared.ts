// What the main thread and the multi-start workers share: the layout of the control words and
// of a start's result slot, and the problem in a form postMessage can clone (the compiled
// kernel travels as its source text and is rebuilt with new Function on the other side).
import type { StartResult } from "./lm.ts";
import type { Problem } from "./spec.ts";

/** control[NEXT]: next start to claim; control[DONE]: starts finished; control[2 + s]: who
 * finished start s (0: not yet). */
export const NEXT = 0;
export const DONE = 1;
export const MAIN = 1;
export const WORKER = 2;
/** Per start: θ (P numbers), then objective, converged (0/1), iterations. */
export const SLOT = 3;

export type SerializedProblem = Omit<Problem, "model"> & { kernelSource: string };

export function serializeProblem(problem: Problem): SerializedProblem {
  const { model, ...rest } = problem;
  return { ...rest, kernelSource: model.kernel.toString() };
}

export function deserializeProblem(data: SerializedProblem): Problem {
  const { kernelSource, ...rest } = data;
  const kernel = new Function(`return (${kernelSource});`)() as Problem["model"]["kernel"];
  return {
    ...rest,
    model: {
      expression: "",
      params: rest.params,
      inputs: rest.inputs,
      kernel,
      columnsFor: () => [],
    },
  };
}

/** Writes start s's result into its slot of the shared results. */
export function writeResult(results: Float64Array, s: number, r: StartResult): void {
  const P = r.theta.length;
  const base = s * (P + SLOT);
  results.set(r.theta, base);
  results[base + P] = r.objective;
  results[base + P + 1] = r.converged ? 1 : 0;
  results[base + P + 2] = r.iterations;
}

/** Reads start s's result back from its slot. */
export function readResult(results: Float64Array, s: number, P: number): StartResult {
  const base = s * (P + SLOT);
  return {
    theta: results.slice(base, base + P),
    objective: results[base + P]!,
    converged: results[base + P + 1] === 1,
    iterations: results[base + P + 2]!,
  };
}
