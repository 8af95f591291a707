// Hu et al. 2023's task scaling law, PU(N) ≈ exp(−c·N^−α): F(N) = log(−log PU) is linear in log N.
// Hu et al. fit it per instance (each item its own c_i, α_i, on that item's PassUntil estimates)
// and average the items' predictions; one aggregate fit on the mean pass rate is the shortcut.
// Only resolved PassUntil runs are measurements: a run censored by the draw budget is not.
import { EmergenceError } from "./errors.ts";
import { fitLine } from "../../fit/line.ts";

export interface TaskLaw {
  slope: number;
  intercept: number;
  predict(size: number): number;
}

export interface LawPoint {
  size: number;
  passRate: number;
  /** True when the PassUntil run hit its draw budget before r successes (not a measurement). */
  censored?: boolean;
}

/** Fits log(−log PU) = intercept + slope·log N on points with 0 < PU < 1. */
export function fitTaskLaw(points: readonly LawPoint[]): TaskLaw {
  const usable = points.filter((p) => p.passRate > 0 && p.passRate < 1);
  const line = fitLine(
    usable.map((p) => Math.log(p.size)),
    usable.map((p) => Math.log(-Math.log(p.passRate))),
  );
  return {
    slope: line.slope,
    intercept: line.intercept,
    predict: (size) => Math.exp(-Math.exp(line.intercept + line.slope * Math.log(size))),
  };
}

export interface InstancePrediction {
  /** Mean of the items' predicted pass rates at the target size. */
  predicted: number;
  /** Items with their own law (≥ 2 resolved points with 0 < PU < 1). */
  fitted: number;
  /** Items without: they contribute their estimate at the largest measured size. */
  fallback: number;
}

/**
 * Instance-level prediction (Hu et al. 2023): per item, fit the law on its resolved points and
 * predict at `size`; average over items. `items[i]` lists item i's points, smallest size first.
 */
export function predictInstanceLevel(
  items: readonly (readonly LawPoint[])[],
  size: number,
): InstancePrediction {
  if (items.length === 0)
    throw new EmergenceError(
      "predictInstanceLevel",
      "no items",
      "a non-empty list of per-item points",
    );
  let total = 0;
  let fitted = 0;
  items.forEach((points, i) => {
    if (points.length === 0)
      throw new EmergenceError("predictInstanceLevel", `item ${i} has no points`, "≥ 1");
    const usable = points.filter((p) => !p.censored && p.passRate > 0 && p.passRate < 1);
    if (usable.length >= 2) {
      total += fitTaskLaw(usable).predict(size);
      fitted++;
    } else {
      total += points[points.length - 1]!.passRate;
    }
  });
  return { predicted: total / items.length, fitted, fallback: items.length - fitted };
}
