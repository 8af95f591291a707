// LR sensitivity (Wortsman et al. 2023 §2.2): how much worse than the best the final loss is on
// average over a range of learning rates, E_η[min(ℓ(η), ℓ₀)] − min_η ℓ(η), where ℓ₀ is the loss
// at initialisation and a diverged run (no finite loss) counts as ℓ₀. The expectation is the
// mean over a log-spaced grid, as the paper's sweeps are.
import { ProxyError } from "./errors.ts";

export interface LrPoint {
  lr: number;
  /** Final loss; NaN or ±∞ for a diverged run. */
  loss: number;
}

export interface LrSensitivity {
  value: number;
  /** The best learning rate in the range and its loss. */
  bestLr: number;
  bestLoss: number;
  /** Learning rates the mean was taken over. */
  lrs: number[];
}

/**
 * LR sensitivity of `points` with initial loss `l0`, over the learning rates in [from, to]
 * (default: all points). Throws when the range holds no point or no run finished.
 */
export function lrSensitivity(
  points: readonly LrPoint[],
  l0: number,
  range: { from?: number; to?: number } = {},
): LrSensitivity {
  if (!Number.isFinite(l0))
    throw new ProxyError("lrSensitivity", `initial loss ${l0}`, "a finite loss");
  const from = range.from ?? -Infinity;
  const to = range.to ?? Infinity;
  // a relative tolerance so that 3e-1 computed as 3 * 0.1 still counts as inside [.., 0.3]
  const inside = points.filter((p) => p.lr >= from * (1 - 1e-9) && p.lr <= to * (1 + 1e-9));
  if (inside.length === 0)
    throw new ProxyError(
      "lrSensitivity",
      `no learning rate in [${from}, ${to}]`,
      "at least one point in the range",
    );
  const capped = inside.map((p) => (Number.isFinite(p.loss) ? Math.min(p.loss, l0) : l0));
  let best = 0;
  for (let i = 1; i < capped.length; i++) if (capped[i]! < capped[best]!) best = i;
  const mean = capped.reduce((s, v) => s + v, 0) / capped.length;
  return {
    value: mean - capped[best]!,
    bestLr: inside[best]!.lr,
    bestLoss: capped[best]!,
    lrs: inside.map((p) => p.lr),
  };
}
