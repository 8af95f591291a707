// Hu et al. 2023's test of predictable scaling on a model family whose per-item pass rates are
// known exactly: PassUntil (r successes, a draw budget) measures each item at every size, the task
// law is fitted on all sizes but the largest — per item (their procedure) and on the means — and
// both predict the largest model's mean pass rate, which is compared with its exact value.
import { EmergenceError } from "./errors.ts";
import { simulatePassUntil, type PassUntilOptions } from "../../metrics/pass-until.ts";
import type { Uniform } from "../../metrics/random.ts";
import { fitTaskLaw, predictInstanceLevel, type LawPoint, type TaskLaw } from "./pass-until-law.ts";

export interface FamilyMember {
  /** Parameters N of the model. */
  size: number;
  /** Exact probability that one sampled answer to item i is right, for every item. */
  passRates: readonly number[];
}

export interface MeasuredMember {
  size: number;
  /** Mean PassUntil estimate over items (censored runs report successes/draws). */
  passUntil: number;
  /** Mean exact pass rate. */
  exact: number;
  /** Items whose run hit the budget before r successes. */
  censored: number;
  items: LawPoint[];
}

export interface HeldOutTest {
  members: MeasuredMember[];
  /** The aggregate law, fitted on the smaller members' PassUntil means. */
  law: TaskLaw;
  /** Exact mean pass rate of the largest member. */
  exact: number;
  /** Per-item laws on PassUntil estimates, averaged (Hu et al.): prediction and items fitted. */
  instance: number;
  fitted: number;
  aggregate: number;
  /** Per-item laws on the exact pass rates at the sizes where each item's run resolved. */
  instanceExactResolved: number;
  /** Relative errors, prediction / exact − 1. */
  error: number;
  aggregateError: number;
  instanceExactResolvedError: number;
}

/** Measures every member by PassUntil and predicts the largest from the others. */
export function heldOutLawTest(
  family: readonly FamilyMember[],
  uniform: Uniform,
  options: PassUntilOptions = {},
): HeldOutTest {
  if (family.length < 3)
    throw new EmergenceError(
      "heldOutLawTest",
      `family has ${family.length} members`,
      "≥ 3, smallest first",
    );
  const count = family[0]!.passRates.length;
  family.forEach((m, j) => {
    if (m.passRates.length !== count || count === 0)
      throw new EmergenceError(
        "heldOutLawTest",
        `member ${j} has ${m.passRates.length} items`,
        `${count}, ≥ 1`,
      );
    if (j > 0 && !(m.size > family[j - 1]!.size))
      throw new EmergenceError(
        "heldOutLawTest",
        `member ${j} is not larger than member ${j - 1}`,
        "members ordered by size, smallest first",
      );
  });
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const members = family.map((m) => {
    const estimates = m.passRates.map((p) => simulatePassUntil(p, uniform, options));
    return {
      size: m.size,
      passUntil: mean(estimates.map((e) => e.estimate)),
      exact: mean(m.passRates),
      censored: estimates.filter((e) => e.censored).length,
      items: estimates.map((e) => ({ size: m.size, passRate: e.estimate, censored: e.censored })),
    };
  });
  const small = members.slice(0, -1);
  const target = family[family.length - 1]!;
  const exact = mean(target.passRates);
  const perItem = (i: number) => small.map((m) => m.items[i]!);
  const items = Array.from({ length: count }, (_, i) => perItem(i));
  const instance = predictInstanceLevel(items, target.size);
  // Same resolved sizes, exact values: separates sampling noise from the shape of the curve.
  const exactItems = items.map((points, i) =>
    points.map((p, j) => ({ ...p, passRate: family[j]!.passRates[i]! })),
  );
  const instanceExact = predictInstanceLevel(exactItems, target.size).predicted;
  const law = fitTaskLaw(small.map((m) => ({ size: m.size, passRate: m.passUntil })));
  const aggregate = law.predict(target.size);
  return {
    members,
    law,
    exact,
    instance: instance.predicted,
    fitted: instance.fitted,
    aggregate,
    instanceExactResolved: instanceExact,
    error: instance.predicted / exact - 1,
    aggregateError: aggregate / exact - 1,
    instanceExactResolvedError: instanceExact / exact - 1,
  };
}
