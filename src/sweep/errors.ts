// Errors of `tsnb sweep` that stop it before any point runs (bad grid, no Slurm, a DIR another
// sweep holds): each is a TsnbError named by its `reason`, so the CLI prints one line and exits 2.
import { TsnbError } from "../notebook/errors.ts";

export type SweepErrorReason =
  | "unknown-parameter"
  | "wrong-type"
  | "empty-grid"
  | "bad-grid"
  | "no-sbatch"
  | "submission-rejected"
  | "locked"
  | "not-a-sweep";

export class SweepError extends TsnbError {
  constructor(
    readonly reason: SweepErrorReason,
    message: string,
    file = "",
  ) {
    super(`${reason}: ${message}`, { file });
  }
}
