// One pruning experiment of Sorscher et al. 2022, §2: draw α_tot·N teacher-labelled examples,
// keep a fraction f of them by a rule (hard / easy / random) under a probe at angle θ, train
// the max-margin student on what is kept (α_prune = f·α_tot examples per dimension) and return
// its exact test error.
import { makeRng } from "../../tensor/rng.ts";
import {
  keepIndices,
  perceptronError,
  probeAtAngle,
  randomDirection,
  subset,
  teacherLabelled,
  type KeepRule,
} from "./perceptron.ts";
import { maxMarginSeparator } from "./svm.ts";

export interface PruningSetting {
  N: number;
  /** Examples drawn per dimension before pruning. */
  alphaTot: number;
  /** Fraction kept. */
  f: number;
  rule: KeepRule;
  /** Probe angle to the teacher, degrees (0: perfect metric). */
  thetaDeg?: number;
  seed: number;
}

export interface PruningOutcome extends PruningSetting {
  alphaPrune: number;
  error: number;
}

/**
 * One pruning experiment (Sorscher et al. 2022, §2): draws round(alphaTot·N) examples labelled by
 * a random perceptron teacher in N dimensions, keeps a fraction `f` of them by `rule` ("hard":
 * smallest margins under a probe at `thetaDeg` degrees to the teacher, default 0; "easy": largest;
 * "random"), trains the max-margin student on them and returns the setting with `alphaPrune`
 * (kept examples per dimension) and the student's exact test `error` (angle to the teacher / π).
 */
export function pruningError(setting: PruningSetting): PruningOutcome {
  const { N, alphaTot, f, rule, thetaDeg = 0, seed } = setting;
  const random = makeRng(seed);
  const teacher = randomDirection(N, random);
  const P = Math.round(alphaTot * N);
  const data = teacherLabelled(teacher, P, random);
  const probe = probeAtAngle(teacher, (thetaDeg * Math.PI) / 180, random);
  const keep = Math.max(1, Math.round(f * P));
  const kept = subset(data, keepIndices(data, probe, keep, rule, random));
  const { w } = maxMarginSeparator(kept.X, kept.y, N);
  return { ...setting, alphaPrune: keep / N, error: perceptronError(w, teacher) };
}
