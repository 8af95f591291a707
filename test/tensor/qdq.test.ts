// The branch-light rounding loops against the scalar roundMini (bit for bit, with the same
// uniforms for stochastic rounding, on every value, midpoint and quarter point of each format,
// zeros, NaN, infinities and overflow), Rng.fillUniform32 against nextUint32, and stochastic
// rounding through blocks down columns and 2-D tiles (unbiased, element by element).
import { describe, expect, it } from "vitest";
import {
  BF16,
  E2M1,
  E2M3,
  E3M2,
  E4M3,
  E5M2,
  makeRng,
  miniValues,
  nvfp4Blocks,
  nvfp4Tiles,
  quantFormat,
  quantizeMatrix,
  roundMini,
  type MiniFloat,
  type QuantFormat,
} from "../../src/tensor/index.ts";
import {
  nearestSpan,
  nearestSpanEach,
  roundConsts,
  stochasticSpan,
  stochasticSpanEach,
} from "../../src/tensor/qdq.ts";

const formats = [E4M3, E5M2, E2M3, E3M2, E2M1, BF16];

/** Every value, midpoint and quarter point of the format, both signs, and the special cases. */
function probes(fmt: MiniFloat): Float64Array {
  const vals = miniValues(fmt).slice(0, 3000);
  const xs: number[] = [0, NaN, Infinity, fmt.maxFinite * 1.02, fmt.maxFinite * 9, 1e300];
  for (let i = 0; i + 1 < vals.length; i++)
    for (const t of [0, 0.25, 0.5, 0.75, 0.9]) xs.push(vals[i]! + t * (vals[i + 1]! - vals[i]!));
  return Float64Array.from([...xs, ...xs.map((v) => -v)]);
}

const same = (a: number, b: number): boolean => Object.is(a, b);

describe("nearestSpan", () => {
  it("rounds as roundMini does on every probe of every format, in f64 and f32", () => {
    for (const fmt of formats)
      for (const x of [probes(fmt), Float32Array.from(probes(fmt))]) {
        const out = new Float64Array(x.length);
        nearestSpan(x, out, 0, x.length, 1, roundConsts(fmt));
        const wrong = Array.from(x).filter((v, i) => !same(out[i]!, roundMini(v, fmt)));
        expect(wrong, fmt.name).toEqual([]);
      }
  });

  it("with one inverse per element equals the scalar span element by element", () => {
    const rng = makeRng(2);
    const x = Float64Array.from({ length: 64 }, () => rng.normal() * 3);
    const inv = Float64Array.from({ length: 64 }, (_, i) => 2 ** ((i % 5) - 2) * 1.3);
    const scale = inv.map((v) => 1 / v);
    const c = roundConsts(E2M1);
    const each = new Float64Array(64);
    nearestSpanEach(x, each, 0, 64, inv, scale, 0, c);
    for (let i = 0; i < 64; i++) {
      const one = new Float64Array(64);
      nearestSpan(x, one, i, 1, inv[i]!, c);
      expect(each[i]).toBe(one[i]);
    }
  });
});

describe("stochasticSpan", () => {
  it("rounds as roundMini does with the same uniform, bit for bit", () => {
    const rng = makeRng(3);
    for (const fmt of formats) {
      const x = probes(fmt);
      const u = Float64Array.from({ length: x.length }, (_, i) =>
        i % 7 === 0 ? 0 : rng.uniform(),
      );
      const out = new Float64Array(x.length);
      stochasticSpan(x, out, 0, x.length, 1, roundConsts(fmt), u, 0);
      const wrong = Array.from(x).filter((v, i) => {
        const want = roundMini(v, fmt, u[i]!);
        return !same(out[i]!, want) && !(Number.isNaN(v) && Number.isNaN(out[i]));
      });
      expect(wrong, fmt.name).toEqual([]);
      const each = new Float64Array(x.length);
      const ones = new Float64Array(x.length).fill(1);
      stochasticSpanEach(x, each, 0, x.length, ones, ones, 0, roundConsts(fmt), u, 0);
      expect(Array.from(each)).toEqual(Array.from(out));
    }
  });
});

describe("stochasticSpan on f32 arrays", () => {
  it("rounds as roundMini does with the same uniform, f32 → f32 and f32 → f64, bit for bit", () => {
    const rng = makeRng(6);
    for (const fmt of formats) {
      const x = Float32Array.from(probes(fmt));
      const u = Float64Array.from({ length: x.length }, (_, i) =>
        i % 5 === 0 ? 0 : rng.uniform(),
      );
      for (const out of [new Float32Array(x.length), new Float64Array(x.length)]) {
        stochasticSpan(x, out, 0, x.length, 1, roundConsts(fmt), u, 0);
        const wrong = Array.from(x).filter((v, i) => {
          const want = Math.fround(roundMini(v, fmt, u[i]!));
          return !same(out[i]!, want) && !(Number.isNaN(v) && Number.isNaN(out[i]));
        });
        expect(wrong, `${fmt.name} into ${out.constructor.name}`).toEqual([]);
      }
    }
  });

  it("rounds up exactly when u < the fraction: u just below, at and above it", () => {
    // 1.25 in E2M1 lies halfway from 1 to 1.5 (quantum 0.5); 2^−30 lies just above 0, so even
    // u = 0 rounds it up (u < its fraction), with the sign kept.
    const c = roundConsts(E2M1);
    const x = Float32Array.of(1.25, 1.25, 1.25, -1.25, 2 ** -30, -(2 ** -30));
    const u = Float64Array.of(0.5 - 2 ** -32, 0.5, 0.75, 0.25, 0, 0);
    const out = new Float32Array(6);
    stochasticSpan(x, out, 0, 6, 1, c, u, 0);
    expect(Array.from(out)).toEqual([1.5, 1, 1, -1.5, 0.5, -0.5]);
  });
});

describe("Rng.fillUniform32", () => {
  it("gives nextUint32()·2^−32 in order and leaves the generator where the draws would", () => {
    const a = makeRng(11);
    const b = makeRng(11);
    const u = new Float64Array(100);
    a.fillUniform32(u);
    for (let i = 0; i < 100; i++) expect(u[i]).toBe(b.nextUint32() * 2 ** -32);
    expect(a.nextUint32()).toBe(b.nextUint32());
  });
});

// A value a hair above a grid point rounds up with probability ≪ 1/n and may never do so in n
// draws (sample se 0): allow one grid step (≤ 4/3 here) per n draws beside 4 standard errors.
const draws = 3000;
const slack = 2 / draws;

function meanAndError(x: Float64Array, q: QuantFormat, rows: number, cols: number, axis: 0 | 1) {
  const n = draws;
  const rng = makeRng(5);
  const sum = new Float64Array(x.length);
  const sq = new Float64Array(x.length);
  for (let t = 0; t < n; t++) {
    const y = quantizeMatrix(x, rows, cols, q, { axis, rng });
    for (let i = 0; i < x.length; i++) {
      sum[i]! += y[i]!;
      sq[i]! += y[i]! * y[i]!;
    }
  }
  return Array.from(x, (v, i) => {
    const mean = sum[i]! / n;
    const se = Math.sqrt(Math.max(sq[i]! / n - mean * mean, 0) / n);
    return { err: Math.abs(mean - v), se };
  });
}

describe("stochastic rounding down columns and in tiles", () => {
  // Every 16-block and 16×16 tile holds the tensor's amax (4), so every E4M3 scale is exact.
  const rng = makeRng(4);
  const x = Float64Array.from({ length: 32 * 16 }, () =>
    Math.max(-3.9, Math.min(3.9, rng.normal())),
  );
  for (let r = 0; r < 32; r += 16) for (let c = 0; c < 16; c++) x[(r + (c % 16)) * 16 + c] = 4;

  it("is unbiased element by element in blocks down columns (4 standard errors)", () => {
    const q = quantFormat(E2M1, nvfp4Blocks, "stochastic");
    for (const { err, se } of meanAndError(x, q, 32, 16, 0))
      expect(err).toBeLessThanOrEqual(4 * se + slack);
  });

  it("is unbiased element by element in 16×16 tiles (4 standard errors)", () => {
    const q = quantFormat(E2M1, nvfp4Tiles, "stochastic");
    for (const { err, se } of meanAndError(x, q, 32, 16, 1))
      expect(err).toBeLessThanOrEqual(4 * se + slack);
  });
});
