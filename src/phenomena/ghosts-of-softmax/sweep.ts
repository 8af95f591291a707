// One step of length τ = r·ρ_a along a direction, for r on a log grid (Sao 2026, §6.2–6.3: the
// normalised step r = τ/ρ_a separates safe from dangerous steps): accuracy and loss after the
// step, from a trained checkpoint, along the negative gradient or random directions.
import { accuracy, crossEntropy, makeRng, noGrad, SGD, type Tensor } from "../../tensor/index.ts";
import { batchRadiusBound, logitsAt, normalise, type Direction } from "./directional.ts";
import type { Classifier } from "./models.ts";

/** Full-batch gradient descent on the mean cross-entropy (the checkpoint to probe). */
export function trainClassifier(
  model: Classifier,
  x: Tensor,
  labels: Int32Array,
  options: { steps: number; lr: number },
): void {
  const opt = new SGD(model.params, { lr: options.lr });
  for (let t = 0; t < options.steps; t++) {
    opt.zeroGrad();
    crossEntropy(model.forward(x), labels).backward();
    opt.step();
  }
}

/** −∇L/‖∇L‖ at the current parameters. */
export function gradientDirection(model: Classifier, x: Tensor, labels: Int32Array): Direction {
  for (const p of model.params) p.grad = null;
  crossEntropy(model.forward(x), labels).backward();
  const g = model.params.map((p) => Float64Array.from(p.grad!, (v) => -v));
  for (const p of model.params) p.grad = null;
  return normalise(g);
}

/** A uniformly random unit direction over all parameters. */
export function randomDirection(model: Classifier, seed: number): Direction {
  const rng = makeRng(seed);
  return normalise(
    model.params.map((p) => Float64Array.from({ length: p.size }, () => rng.normal())),
  );
}

export interface SweepPoint {
  r: number;
  accuracy: number;
  loss: number;
}

export interface Sweep {
  rho: number;
  accuracy0: number;
  loss0: number;
  points: SweepPoint[];
}

/**
 * One step of length τ = r·ρ_a along direction `v` from the model's current parameters, for each
 * r in `rs` (ρ_a the batch's radius bound along v, Sao 2026 §6.2): accuracy and loss after the step,
 * and at τ = 0.
 */
export function stepSweep(
  model: Classifier,
  x: Tensor,
  labels: Int32Array,
  v: Direction,
  rs: readonly number[],
): Sweep {
  const rho = batchRadiusBound(model, x, v);
  const at = (tau: number) => {
    const logits = logitsAt(model, x, v, tau);
    return {
      accuracy: accuracy(logits, labels),
      loss: noGrad(() => crossEntropy(logits, labels).item()),
    };
  };
  const start = at(0);
  return {
    rho,
    accuracy0: start.accuracy,
    loss0: start.loss,
    points: rs.map((r) => ({ r, ...at(r * rho) })),
  };
}

/** Smallest r whose accuracy is below `share`·accuracy0 (Infinity if none). */
export function collapseOnset(sweep: Sweep, share = 0.95): number {
  return sweep.points.find((p) => p.accuracy < share * sweep.accuracy0)?.r ?? Infinity;
}

/** Smallest r whose loss is at least `factor`·loss0 (Infinity if none). */
export function lossOnset(sweep: Sweep, factor = 1.1): number {
  return sweep.points.find((p) => p.loss >= factor * sweep.loss0)?.r ?? Infinity;
}

/** n points log-spaced from 10^lo to 10^hi. */
export function logGrid(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => 10 ** (lo + ((hi - lo) * i) / (n - 1)));
}
