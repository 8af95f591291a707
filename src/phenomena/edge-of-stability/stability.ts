// What a run says about the edge of stability (Cohen et al. 2021): the sharpness at the start,
// where λ_max first reaches the stability threshold 2/η of gradient descent on a quadratic, how
// it sits there afterwards, and how often a step raised the loss; and the sharpness of runs
// compared at a matched training loss (mini-batch runs train more slowly per step).
import type { DescentRun, SharpnessCheckpoint } from "./descent.ts";

export interface StabilitySummary {
  eta: number;
  threshold: number;
  /** λ_max at step 0. */
  initial: number;
  /** First checkpoint with λ_max·η/2 ≥ `reachRatio` (null if never). */
  reached: SharpnessCheckpoint | null;
  /** Mean of λ_max·η/2 over the checkpoints after `reached` (NaN if never reached). */
  lateRatio: number;
  /** Largest λ_max·η/2 at any checkpoint. */
  maxRatio: number;
  /** Steps t with L(t+1) > L(t), and the steps taken (GD runs, which record every step). */
  increases: number;
  steps: number;
  initialLoss: number;
  finalLoss: number;
}

/**
 * What a descent run says about the edge of stability (Cohen et al. 2021): the threshold 2/η, the
 * initial λ_max, the first checkpoint where λ_max·η/2 ≥ `reachRatio` (default 0.95), the mean
 * ratio after it (NaN if never reached), the largest ratio, and how many steps raised the loss.
 */
export function stabilitySummary(run: DescentRun, reachRatio = 0.95): StabilitySummary {
  const { eta, checkpoints, losses } = run;
  const ratio = (c: SharpnessCheckpoint) => (c.sharpness * eta) / 2;
  const at = checkpoints.findIndex((c) => ratio(c) >= reachRatio);
  const late = at < 0 ? [] : checkpoints.slice(at + 1).map(ratio);
  let increases = 0;
  for (let t = 1; t < losses.length; t++) if (losses[t]! > losses[t - 1]!) increases++;
  return {
    eta,
    threshold: 2 / eta,
    initial: checkpoints[0]!.sharpness,
    reached: at < 0 ? null : checkpoints[at]!,
    lateRatio: late.length === 0 ? NaN : late.reduce((s, r) => s + r, 0) / late.length,
    maxRatio: Math.max(...checkpoints.map(ratio)),
    increases,
    steps: losses.length - 1,
    initialLoss: losses[0]!,
    finalLoss: losses[losses.length - 1]!,
  };
}

export interface MatchedSharpness {
  batch: number;
  /** The first checkpoint whose full-batch loss is at or below the matched loss. */
  checkpoint: SharpnessCheckpoint;
  /** Mean λ_max·η/2 over that checkpoint and the `window` − 1 after it (smooths EoS swings). */
  ratio: number;
  /** λ_max·η/2 at the run's last checkpoint, at equal steps. */
  finalRatio: number;
  finalLoss: number;
}

/**
 * Sharpness of each run where its full-batch loss first falls to `loss` (default: the highest
 * final loss among the runs, i.e. the least-trained run's end), averaged over `window` checkpoints.
 */
export function sharpnessAtMatchedLoss(
  runs: readonly DescentRun[],
  options: { loss?: number; window?: number } = {},
): { loss: number; runs: MatchedSharpness[] } {
  const last = (r: DescentRun) => r.checkpoints[r.checkpoints.length - 1]!;
  const loss = options.loss ?? Math.max(...runs.map((r) => last(r).loss));
  const window = options.window ?? 3;
  return {
    loss,
    runs: runs.map((r) => {
      const i = r.checkpoints.findIndex((c) => c.loss <= loss);
      const from = i < 0 ? r.checkpoints.length - 1 : i;
      const span = r.checkpoints.slice(from, from + window);
      const ratio = span.reduce((s, c) => s + (c.sharpness * r.eta) / 2, 0) / span.length;
      return {
        batch: r.batch,
        checkpoint: r.checkpoints[from]!,
        ratio,
        finalRatio: (last(r).sharpness * r.eta) / 2,
        finalLoss: last(r).loss,
      };
    }),
  };
}
