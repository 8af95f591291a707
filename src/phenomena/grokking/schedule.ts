// Which steps get a record: every step up to 10, then `perDecade` log-spaced steps per decade
// (plots of grokking use a log step axis), optionally every `every` steps, and the last step.
// A fixed, config-derived set, so records land on the same steps on every run.

/** Sorted steps 0…`steps` at which a run records its metrics. */
export function recordSteps(steps: number, perDecade: number, every = 0): number[] {
  const set = new Set<number>();
  for (let s = 0; s <= Math.min(10, steps); s++) set.add(s);
  for (let k = perDecade; ; k++) {
    const s = Math.round(10 ** (k / perDecade));
    if (s > steps) break;
    set.add(s);
  }
  if (every > 0) for (let s = 0; s <= steps; s += every) set.add(s);
  set.add(steps);
  return [...set].sort((x, y) => x - y);
}
