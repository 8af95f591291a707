// Hu et al. 2023's task scaling law, PU(N) ≈ exp(−c·N^−α): F(N) = log(−log PU) is linear in log N.
// Fitted per item (each its own c_i, α_i) and averaged, or once on the mean pass rate; the
// per-item pass rates of small models come from PassUntil because a fixed test budget reads 0.
import { fitLine } from "../inference-scaling/line.ts";

export interface TaskLaw {
  slope: number;
  intercept: number;
  predict(size: number): number;
}

/** Fits log(−log PU) = intercept + slope·log N on points with 0 < PU < 1. */
export function fitTaskLaw(points: readonly { size: number; passRate: number }[]): TaskLaw {
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
