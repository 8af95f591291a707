// Record steps: dense at the start, log-spaced after, always the last step, no duplicates.
import { describe, expect, it } from "vitest";
import { recordSteps } from "../../../src/phenomena/grokking/schedule.ts";

describe("recordSteps", () => {
  it("records every step up to 10 and the last one", () => {
    expect(recordSteps(7, 10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const s = recordSteps(1234, 10);
    expect(s.slice(0, 11)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(s.at(-1)).toBe(1234);
  });

  it("puts about perDecade steps in each decade, strictly increasing", () => {
    const s = recordSteps(10_000, 20);
    for (let i = 1; i < s.length; i++) expect(s[i]!).toBeGreaterThan(s[i - 1]!);
    const inDecade = s.filter((x) => x > 1000 && x <= 10_000).length;
    expect(inDecade).toBe(20);
  });

  it("adds a fixed interval on request", () => {
    const s = recordSteps(1000, 2, 100);
    for (let k = 0; k <= 1000; k += 100) expect(s).toContain(k);
    expect(s).toContain(32); // 10^(3/2), from the log spacing
  });
});
