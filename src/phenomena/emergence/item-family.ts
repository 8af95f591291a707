// Items of a mirage family for the resolution experiment (Hu et al. 2023, PassUntil): each item
// has its own power law of per-token cross-entropy, CE_i(N) = ce_i·(N/N_max)^α_i, so its pass rate
// (the probability that a sampled L-token answer is exactly right) is PU_i(N) = exp(−L·CE_i(N)),
// and log(−log PU_i) is exactly linear in log N — the form of Hu et al.'s task scaling law.
import { normalDraw, type Uniform } from "../../metrics/random.ts";

export interface MirageItem {
  alpha: number;
  /** Per-token cross-entropy at the reference (largest) size. */
  ceAtReference: number;
}

export interface ItemFamilyOptions {
  alpha: number;
  /** Relative spread of α over items (sd of α_i/α). */
  alphaSpread?: number;
  ceAtReference: number;
  /** Spread of log CE at the reference size over items. */
  logCeSpread?: number;
}

/**
 * Draws `count` items of a mirage family, each with its own power law of per-token cross-entropy:
 * α_i = α·(1 + alphaSpread·z) (spread default 0.1) and CE at the reference size
 * ce·exp(logCeSpread·z) (default 0.3), z standard normal from `uniform`.
 */
export function drawMirageItems(
  count: number,
  options: ItemFamilyOptions,
  uniform: Uniform,
): MirageItem[] {
  return Array.from({ length: count }, () => ({
    alpha: options.alpha * (1 + (options.alphaSpread ?? 0.1) * normalDraw(uniform)),
    ceAtReference:
      options.ceAtReference * Math.exp((options.logCeSpread ?? 0.3) * normalDraw(uniform)),
  }));
}

/** PU_i(N) = exp(−L·ce_i·(N/reference)^α_i). */
export function itemPassRate(
  item: MirageItem,
  size: number,
  answerLength: number,
  referenceSize: number,
): number {
  return Math.exp(-answerLength * item.ceAtReference * (size / referenceSize) ** item.alpha);
}
