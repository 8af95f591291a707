// Isotonic and unimodal least-squares regression (pool-adjacent-violators), the fitting core of
// the trend-shape classifier: a monotone fit needs no functional form, so a curve's shape is
// judged by how far it is from the nearest monotone / single-peaked / single-valley curve.

/** Least-squares non-decreasing fit to `ys` (PAVA), optionally weighted. */
export function isotonicIncreasing(ys: readonly number[], weights?: readonly number[]): number[] {
  const means: number[] = [];
  const masses: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < ys.length; i++) {
    means.push(ys[i]!);
    masses.push(weights ? weights[i]! : 1);
    counts.push(1);
    while (means.length > 1 && means[means.length - 2]! > means[means.length - 1]!) {
      const m2 = masses.pop()!;
      const y2 = means.pop()!;
      const c2 = counts.pop()!;
      const m1 = masses[masses.length - 1]!;
      const y1 = means[means.length - 1]!;
      means[means.length - 1] = (m1 * y1 + m2 * y2) / (m1 + m2);
      masses[masses.length - 1] = m1 + m2;
      counts[counts.length - 1]! += c2;
    }
  }
  const fit: number[] = [];
  for (let b = 0; b < means.length; b++) for (let j = 0; j < counts[b]!; j++) fit.push(means[b]!);
  return fit;
}

/** Least-squares non-increasing fit. */
export function isotonicDecreasing(ys: readonly number[]): number[] {
  return isotonicIncreasing(ys.map((y) => -y)).map((y) => -y);
}

function sse(ys: readonly number[], fit: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < ys.length; i++) total += (ys[i]! - fit[i]!) ** 2;
  return total;
}

/**
 * Best single-peaked fit (non-decreasing, then non-increasing), exact: any unimodal curve splits
 * into an increasing prefix and a decreasing suffix, so the optimum is the best split.
 * With `valley`, the best single-valley fit instead (falls, then rises).
 */
export function unimodalFit(
  ys: readonly number[],
  valley = false,
): { fit: number[]; mode: number } {
  const sign = valley ? -1 : 1;
  const zs = ys.map((y) => sign * y);
  let best: { fit: number[]; mode: number; error: number } | undefined;
  for (let split = 0; split <= zs.length; split++) {
    const fit = [...isotonicIncreasing(zs.slice(0, split)), ...isotonicDecreasing(zs.slice(split))];
    const error = sse(zs, fit);
    if (!best || error < best.error - 1e-15) {
      let mode = 0;
      for (let i = 1; i < fit.length; i++) if (fit[i]! > fit[mode]!) mode = i;
      best = { fit, mode, error };
    }
  }
  return { fit: best!.fit.map((z) => sign * z), mode: best!.mode };
}
