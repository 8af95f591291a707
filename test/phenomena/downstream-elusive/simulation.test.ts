import { describe, expect, it } from "vitest";
import {
  simulateChain,
  summariseChain,
  CHAIN_STAGES,
} from "../../../src/phenomena/downstream-elusive/index.ts";

describe("the NLL-to-accuracy chain", () => {
  const family = simulateChain({ seed: 4, items: 300 });

  it("produces every stage for every item and model", () => {
    for (const stage of CHAIN_STAGES) {
      expect(family.scores[stage]).toHaveLength(300);
      expect(family.scores[stage][0]).toHaveLength(12);
    }
    expect(family.compute[0]).toBe(19);
    expect(family.compute[11]).toBeCloseTo(24.5, 12);
  });

  it("loses predictability along the chain", () => {
    const share = summariseChain(family).map((s) => s.shareAbove);
    for (let i = 1; i < share.length; i++) expect(share[i]).toBeLessThan(share[i - 1]!);
  });

  it("recovers it when the wrong choices stop scaling", () => {
    const control = summariseChain(simulateChain({ seed: 4, items: 300, wrongSlope: [0, 0.05] }));
    const normal = summariseChain(family);
    expect(control[2]!.mean).toBeGreaterThan(0.8);
    expect(control[2]!.mean).toBeGreaterThan(normal[2]!.mean + 0.4);
  });
});
