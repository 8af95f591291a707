import { describe, expect, it } from "vitest";
import { Matrix, solve } from "ml-matrix";
import { rng } from "../../../src/data/random.ts";
import { makeTask, sampleTask } from "../../../src/phenomena/scaling-crossover/task.ts";
import {
  emptyGram,
  growGram,
  minNormReadout,
  ridgeReadout,
  ridgelessReadout,
} from "../../../src/phenomena/scaling-crossover/ridge.ts";

const P = 24;
const random = rng(11);
const task = makeTask({ d: 5, P, hidden: 10 }, random);
const sample = sampleTask(task, 200, random);

const rowsOf = (n: number): number[][] =>
  Array.from({ length: n }, (_, s) => Array.from(sample.features.subarray(s * P, (s + 1) * P)));
const predict = (w: Float64Array, s: number): number =>
  w.reduce((acc, v, p) => acc + v * sample.features[s * P + p]!, 0);

describe("closed-form readouts", () => {
  it("a Gram matrix grown in pieces equals the one computed at once", () => {
    const pieces = emptyGram(P);
    growGram(pieces, sample, 30);
    growGram(pieces, sample, 30);
    growGram(pieces, sample, 120);
    const once = emptyGram(P);
    growGram(once, sample, 120);
    once.G.forEach((v, i) => expect(pieces.G[i]).toBeCloseTo(v, 10));
    once.r.forEach((v, i) => expect(pieces.r[i]).toBeCloseTo(v, 10));
    expect(() => growGram(pieces, sample, 60)).toThrow(/to = 60/);
  });

  it("ridge solves (ΦᵀΦ + λnI) w = Φᵀy, the penalty counted per sample", () => {
    const n = 80;
    const lambda = 1e-3;
    const gram = emptyGram(P);
    growGram(gram, sample, n);
    const phi = new Matrix(rowsOf(n));
    const lhs = phi
      .transpose()
      .mmul(phi)
      .add(Matrix.eye(P).mul(lambda * n));
    const rhs = phi.transpose().mmul(Matrix.columnVector(Array.from(sample.y.subarray(0, n))));
    const expected = solve(lhs, rhs).getColumn(0);
    const w = ridgeReadout(gram, lambda);
    expected.forEach((v, i) => expect(w[i]).toBeCloseTo(v, 8));
  });

  it("below the interpolation point the ridgeless readout interpolates with the least norm", () => {
    const n = 15;
    const gram = emptyGram(P);
    growGram(gram, sample, n);
    const w = ridgelessReadout(gram, sample);
    for (let s = 0; s < n; s++) expect(predict(w, s)).toBeCloseTo(sample.y[s]!, 8);
    // The least-norm interpolant is the limit of ridge as λ → 0.
    const tiny = ridgeReadout(gram, 1e-11);
    w.forEach((v, i) => expect(tiny[i]).toBeCloseTo(v, 4));
    expect(() => ridgeReadout(gram, 0)).toThrow(/n ≥ P/);
    expect(() => minNormReadout(sample, P, P)).toThrow(/0 < n < P/);
  });

  it("above it the ridgeless readout is least squares: the residual is orthogonal to the features", () => {
    const n = 150;
    const gram = emptyGram(P);
    growGram(gram, sample, n);
    const w = ridgelessReadout(gram, sample);
    for (let p = 0; p < P; p++) {
      let dot = 0;
      for (let s = 0; s < n; s++)
        dot += (predict(w, s) - sample.y[s]!) * sample.features[s * P + p]!;
      expect(Math.abs(dot)).toBeLessThan(1e-8);
    }
  });
});
