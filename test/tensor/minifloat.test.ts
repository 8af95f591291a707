// Narrow formats against an independent reference: a table of every code's value built here
// from the specs' bit layouts (OFP8 rev 1.0 for E4M3/E5M2, OCP MX v1.0 §5.3 for FP6/FP4), and
// rounding by brute force over that table. Every value round-trips, every midpoint rounds to
// the even code, saturation and NaN follow each spec, and stochastic rounding is unbiased.
import { describe, expect, it } from "vitest";
import {
  BF16,
  E2M1,
  E2M3,
  E3M2,
  E4M3,
  E5M2,
  FP16,
  decodeMini,
  makeRng,
  minifloat,
  miniValues,
  roundBf16,
  roundF16,
  roundMini,
  TensorError,
  type MiniFloat,
} from "../../src/tensor/index.ts";

interface SpecRow {
  fmt: MiniFloat;
  e: number;
  m: number;
  bias: number;
  /** Codes (without sign) that are not finite numbers, per the spec. */
  special: (field: number, mant: number) => "inf" | "nan" | null;
  max: number;
  minSub: number;
}

// The specs' tables, typed in from the documents rather than derived from the library.
const SPECS: SpecRow[] = [
  {
    fmt: E4M3,
    e: 4,
    m: 3,
    bias: 7,
    special: (f, m) => (f === 15 && m === 7 ? "nan" : null),
    max: 448,
    minSub: 2 ** -9,
  },
  {
    fmt: E5M2,
    e: 5,
    m: 2,
    bias: 15,
    special: (f, m) => (f === 31 ? (m === 0 ? "inf" : "nan") : null),
    max: 57344,
    minSub: 2 ** -16,
  },
  { fmt: E2M3, e: 2, m: 3, bias: 1, special: () => null, max: 7.5, minSub: 0.125 },
  { fmt: E3M2, e: 3, m: 2, bias: 3, special: () => null, max: 28, minSub: 0.0625 },
  { fmt: E2M1, e: 2, m: 1, bias: 1, special: () => null, max: 6, minSub: 0.5 },
];

/** Value of (field, mantissa) from the layout: subnormal when the field is 0. */
function specValue(row: SpecRow, field: number, mant: number): number {
  const kind = row.special(field, mant);
  if (kind === "inf") return Infinity;
  if (kind === "nan") return NaN;
  const frac = mant / 2 ** row.m;
  return field === 0 ? frac * 2 ** (1 - row.bias) : (1 + frac) * 2 ** (field - row.bias);
}

/** Finite non-negative values with their mantissa's parity, ascending. */
function specTable(row: SpecRow): { v: number; even: boolean }[] {
  const out: { v: number; even: boolean }[] = [];
  for (let f = 0; f < 2 ** row.e; f++)
    for (let mt = 0; mt < 2 ** row.m; mt++) {
      const v = specValue(row, f, mt);
      if (Number.isFinite(v)) out.push({ v, even: mt % 2 === 0 });
    }
  return out.sort((a, b) => a.v - b.v);
}

/** Brute-force round-to-nearest, ties to the even code, saturating at the max. */
function refRound(x: number, table: { v: number; even: boolean }[]): number {
  const a = Math.abs(x);
  let best = table[0]!;
  for (const t of table) {
    const d = Math.abs(t.v - a);
    const db = Math.abs(best.v - a);
    if (d < db || (d === db && t.even && !best.even)) best = t;
  }
  return x < 0 ? -best.v : best.v;
}

describe("narrow formats against the specs' bit layouts", () => {
  for (const row of SPECS) {
    const table = specTable(row);
    describe(row.fmt.name, () => {
      it("decodes every code as the spec's layout says", () => {
        for (let code = 0; code < 2 ** (1 + row.e + row.m); code++) {
          const sign = code >>> (row.e + row.m) ? -1 : 1;
          const field = (code >>> row.m) & (2 ** row.e - 1);
          const want = sign * specValue(row, field, code & (2 ** row.m - 1));
          const got = decodeMini(code, row.fmt);
          if (Number.isNaN(want)) expect(got).toBeNaN();
          else expect(got).toBe(want);
        }
      });

      it("has the spec's max, min subnormal and value set", () => {
        expect(row.fmt.maxFinite).toBe(row.max);
        expect(row.fmt.minSubnormal).toBe(row.minSub);
        expect(miniValues(row.fmt)).toEqual(
          table.map((t) => t.v).filter((v, i, a) => a.indexOf(v) === i),
        );
      });

      it("round-trips every representable value, both roundings, both signs", () => {
        const rng = makeRng(1);
        for (const { v } of table)
          for (const s of [1, -1]) {
            expect(roundMini(s * v, row.fmt)).toBe(s * v);
            expect(roundMini(s * v, row.fmt, rng.uniform())).toBe(s * v);
          }
      });

      it("rounds midpoints to the even code and quarter points to the nearest", () => {
        for (let i = 0; i + 1 < table.length; i++) {
          const lo = table[i]!.v;
          const hi = table[i + 1]!.v;
          for (const t of [0.25, 0.5, 0.75, 0.4999, 0.5001]) {
            const x = lo + t * (hi - lo);
            expect(roundMini(x, row.fmt), `${x}`).toBe(refRound(x, table));
            expect(roundMini(-x, row.fmt), `${-x}`).toBe(refRound(-x, table));
          }
          if (hi - lo > 0) expect(roundMini((lo + hi) / 2, row.fmt)).toBe(table[i]!.even ? lo : hi);
        }
      });

      it("agrees with the brute-force reference on 20,000 random values across the range", () => {
        const rng = makeRng(2);
        const wrong: number[] = [];
        for (let i = 0; i < 20_000; i++) {
          const x =
            (rng.uniform() < 0.5 ? -1 : 1) *
            row.max *
            2 ** (-rng.uniform() * (row.e * 4 + 4)) *
            1.05;
          if (roundMini(x, row.fmt) !== refRound(x, table)) wrong.push(x);
        }
        expect(wrong).toEqual([]);
      });

      it("saturates past the max (MX/NVFP4 convention) and keeps NaN", () => {
        expect(roundMini(row.max * 3, row.fmt)).toBe(row.max);
        expect(roundMini(-Infinity, row.fmt)).toBe(-row.max);
        expect(roundMini(NaN, row.fmt)).toBeNaN();
        expect(Object.is(roundMini(-0, row.fmt), -0)).toBe(true);
        expect(roundMini(row.minSub / 2, row.fmt)).toBe(0); // tie with 0 goes to the even code 0
        expect(roundMini(row.minSub * 0.51, row.fmt)).toBe(row.minSub);
      });
    });
  }

  it("E4M3 without saturation: past the last tie is NaN (no infinities); 464 still rounds to 448", () => {
    expect(roundMini(464, E4M3, -1, false)).toBe(448);
    expect(roundMini(465, E4M3, -1, false)).toBeNaN();
    expect(roundMini(Infinity, E4M3, -1, false)).toBeNaN();
    expect(roundMini(465, E4M3)).toBe(448);
  });

  it("E5M2 without saturation overflows to ±Inf as IEEE 754 does; 61440 is the tie", () => {
    expect(roundMini(61439, E5M2, -1, false)).toBe(57344);
    expect(roundMini(61440, E5M2, -1, false)).toBe(Infinity);
    expect(roundMini(-1e6, E5M2, -1, false)).toBe(-Infinity);
    expect(roundMini(-Infinity, E5M2, -1, false)).toBe(-Infinity);
  });

  it("FP6/FP4 have no Inf/NaN codes, so they saturate in either mode", () => {
    expect(roundMini(100, E2M1, -1, false)).toBe(6);
    expect(roundMini(-100, E3M2, -1, false)).toBe(-28);
    expect(miniValues(E2M1)).toEqual([0, 0.5, 1, 1.5, 2, 3, 4, 6]);
  });
});

describe("generic ExMy", () => {
  it("E3M0 is powers of two from 2^-2 to 2^4 and zero", () => {
    expect(miniValues(minifloat(3, 0))).toEqual([0, 0.25, 0.5, 1, 2, 4, 8, 16]);
  });

  it("E8M7 and E5M10 with IEEE specials are bf16 and binary16, bit for bit", () => {
    const rng = makeRng(3);
    const wrong: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const x = rng.normal() * 2 ** Math.round(rng.normal() * 12);
      if (roundMini(x, BF16, -1, false) !== roundBf16(x)) wrong.push(x);
      if (roundMini(x, FP16, -1, false) !== roundF16(x)) wrong.push(x);
    }
    expect(wrong).toEqual([]);
    expect(roundMini(70000, FP16, -1, false)).toBe(Infinity);
  });

  it("rejects formats it cannot represent, naming the field", () => {
    expect(() => minifloat(0, 3)).toThrow(TensorError);
    expect(() => minifloat(4, 11)).toThrow(/mantissaBits 11/);
  });
});

describe("stochastic rounding", () => {
  it("is unbiased: the mean of 40,000 draws is within 4 standard errors of x", () => {
    const rng = makeRng(4);
    for (const [fmt, x] of [
      [E2M1, 2.3],
      [E2M1, 0.1],
      [E4M3, 300.7],
      [E3M2, -0.07],
      [E5M2, 1.1e-5],
    ] as const) {
      const n = 40_000;
      let sum = 0;
      let sq = 0;
      for (let i = 0; i < n; i++) {
        const r = roundMini(x, fmt, rng.uniform());
        sum += r;
        sq += r * r;
      }
      const mean = sum / n;
      const se = Math.sqrt((sq / n - mean * mean) / n);
      expect(Math.abs(mean - x)).toBeLessThan(4 * se + 1e-15);
    }
  });

  it("only ever returns the two neighbours, up with probability (x − lo)/q", () => {
    const rng = makeRng(5);
    let up = 0;
    for (let i = 0; i < 10_000; i++) {
      const r = roundMini(2.5, E2M1, rng.uniform());
      if (r === 3) up++;
      else if (r !== 2) throw new Error(`SR(2.5) gave ${r}`);
    }
    expect(up / 10_000).toBeGreaterThan(0.47);
    expect(up / 10_000).toBeLessThan(0.53);
  });
});
