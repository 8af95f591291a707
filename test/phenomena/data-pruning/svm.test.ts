import { describe, expect, it } from "vitest";
import {
  maxMarginSeparator,
  perceptronError,
  probeAtAngle,
  randomTeacher as randomDirection,
  teacherLabelled,
  keepIndices,
  subset,
  pruningError,
} from "../../../src/phenomena/data-pruning/index.ts";
import { makeRng } from "../../../src/tensor/rng.ts";

describe("max-margin perceptron through the origin", () => {
  it("finds a known margin: z = (1, ±1), (3, 0), (2, −½) give w = (1, 0), β = (½, ½)", () => {
    // For a unit w = (cos a, sin a) the points (1, ±1) allow at most cos a − |sin a| ≤ 1.
    const X = Float64Array.from([1, -1, 1, 1, 3, 0, -2, 0.5]);
    const y = [1, 1, 1, -1];
    const { w, margin, support, beta } = maxMarginSeparator(X, y, 2);
    expect(w[0]).toBeCloseTo(1, 10);
    expect(w[1]).toBeCloseTo(0, 10);
    expect(margin).toBeCloseTo(1, 10);
    expect(Array.from(support)).toEqual([0, 1]);
    expect(beta[0]).toBeCloseTo(0.5, 10);
    expect(beta[1]).toBeCloseTo(0.5, 10);
  });

  it("matches a brute-force scan of directions in two dimensions", () => {
    const random = makeRng(4);
    const teacher = randomDirection(2, random);
    const data = teacherLabelled(teacher, 40, random);
    const { margin } = maxMarginSeparator(data.X, data.y, 2);
    let best = -Infinity;
    for (let k = 0; k < 200000; k++) {
      const a = (2 * Math.PI * k) / 200000;
      let worst = Infinity;
      for (let i = 0; i < 40; i++)
        worst = Math.min(
          worst,
          data.y[i]! * (Math.cos(a) * data.X[2 * i]! + Math.sin(a) * data.X[2 * i + 1]!),
        );
      best = Math.max(best, worst);
    }
    expect(margin).toBeCloseTo(best, 4);
  });

  it("satisfies the KKT conditions in 50 dimensions: margins ≥ 1, support vectors at 1", () => {
    const random = makeRng(7);
    const N = 50;
    const teacher = randomDirection(N, random);
    const data = teacherLabelled(teacher, 150, random);
    const { w, support, beta } = maxMarginSeparator(data.X, data.y, N);
    const m = (i: number) => data.y[i]! * w.reduce((s, wk, k) => s + wk * data.X[i * N + k]!, 0);
    for (let i = 0; i < data.P; i++) expect(m(i)).toBeGreaterThan(1 - 1e-8);
    support.forEach((i) => expect(m(i)).toBeCloseTo(1, 8));
    expect(Math.min(...beta)).toBeGreaterThan(0);
    // w = Σ β_s y_s x_s.
    const rebuilt = new Float64Array(N);
    support.forEach((i, s) => {
      for (let k = 0; k < N; k++) rebuilt[k] += beta[s]! * data.y[i]! * data.X[i * N + k]!;
    });
    rebuilt.forEach((v, k) => expect(v).toBeCloseTo(w[k]!, 8));
  });

  it("rejects a matrix whose size does not match the labels", () => {
    expect(() => maxMarginSeparator(new Float64Array(5), [1, -1], 3)).toThrow(/P·N entries/);
  });
});

describe("teacher-student perceptron", () => {
  it("test error is arccos(R)/π: 0 for the teacher, ½ for the opposite, θ/π at angle θ", () => {
    const random = makeRng(1);
    const teacher = randomDirection(30, random);
    expect(perceptronError(teacher, teacher)).toBeCloseTo(0, 7);
    expect(
      perceptronError(
        teacher.map((v) => -v),
        teacher,
      ),
    ).toBeCloseTo(1, 10);
    const probe = probeAtAngle(teacher, 0.3, random);
    expect(perceptronError(probe, teacher)).toBeCloseTo(0.3 / Math.PI, 10);
  });

  it("matches the error counted on a large fresh test set", () => {
    const random = makeRng(2);
    const N = 20;
    const teacher = randomDirection(N, random);
    const student = probeAtAngle(teacher, 0.5, random);
    const test = teacherLabelled(teacher, 40000, random);
    let wrong = 0;
    for (let i = 0; i < test.P; i++) {
      let s = 0;
      for (let k = 0; k < N; k++) s += student[k]! * test.X[i * N + k]!;
      if ((s >= 0 ? 1 : -1) !== test.y[i]) wrong++;
    }
    expect(Math.abs(wrong / test.P - 0.5 / Math.PI)).toBeLessThan(0.006);
  });

  it("keeps the smallest margins for hard, the largest for easy", () => {
    const random = makeRng(3);
    const teacher = randomDirection(10, random);
    const data = teacherLabelled(teacher, 100, random);
    const margin = (i: number) =>
      Math.abs(teacher.reduce((s, t, k) => s + t * data.X[i * 10 + k]!, 0));
    const hard = keepIndices(data, teacher, 30, "hard", random);
    const easy = keepIndices(data, teacher, 30, "easy", random);
    const maxHard = Math.max(...Array.from(hard, margin));
    const minEasy = Math.min(...Array.from(easy, margin));
    const all = Array.from({ length: 100 }, (_, i) => margin(i)).sort((a, b) => a - b);
    expect(maxHard).toBe(all[29]);
    expect(minEasy).toBe(all[70]);
    expect(subset(data, hard).P).toBe(30);
  });

  it("one pruning experiment is reproducible from its seed and reports α_prune", () => {
    const a = pruningError({ N: 30, alphaTot: 2, f: 0.5, rule: "hard", seed: 9 });
    const b = pruningError({ N: 30, alphaTot: 2, f: 0.5, rule: "hard", seed: 9 });
    expect(a.error).toBe(b.error);
    expect(a.alphaPrune).toBe(1);
    expect(a.error).toBeGreaterThan(0);
    expect(a.error).toBeLessThan(0.5);
  });
});
