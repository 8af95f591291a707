// Scaling schemes: per-tensor, MX blocks (E8M0 power-of-two scale per OCP MX v1.0 §6.3),
// NVFP4 blocks (E4M3 scale under an f32 tensor scale), 2-D tiles, blocks down columns, and
// stochastic rounding through a whole block (unbiased), against hand computations.
import { describe, expect, it } from "vitest";
import {
  BF16,
  E2M3,
  E3M2,
  E5M2,
  miniValues,
  decodeE8M0,
  E2M1,
  E4M3,
  makeRng,
  mxBlocks,
  nvfp4Blocks,
  nvfp4Tiles,
  quantFormat,
  quantizeArray,
  quantizeMatrix,
  roundMini,
  TensorError,
} from "../../src/tensor/index.ts";

const transpose = (x: Float64Array, rows: number, cols: number): Float64Array =>
  Float64Array.from(
    { length: rows * cols },
    (_, i) => x[(i % rows) * cols + Math.floor(i / rows)]!,
  );

function gaussian(n: number, seed: number): Float64Array {
  const rng = makeRng(seed);
  return Float64Array.from({ length: n }, () => rng.normal());
}

describe("the array path rounds as roundMini does", () => {
  it("on every value, midpoint and quarter point of each format, saturating, both signs", () => {
    for (const fmt of [E4M3, E5M2, E2M3, E3M2, E2M1, BF16]) {
      const vals = miniValues(fmt).slice(0, 4000);
      const xs: number[] = [NaN, Infinity, -Infinity, fmt.maxFinite * 1.5];
      for (let i = 0; i + 1 < vals.length; i++)
        for (const t of [0, 0.25, 0.5, 0.75]) xs.push(vals[i]! + t * (vals[i + 1]! - vals[i]!));
      const x = Float64Array.from([...xs, ...xs.map((v) => -v)]);
      const q = quantizeArray(x, quantFormat(fmt, { kind: "none" }));
      const wrong = Array.from(x).filter(
        (v, i) => !Object.is(q[i], roundMini(v, fmt)) && !(Number.isNaN(v) && Number.isNaN(q[i])),
      );
      expect(wrong).toEqual([]);
    }
  });
});

describe("per-tensor scaling", () => {
  it("maps the tensor's amax onto the format's max and rounds the rest", () => {
    const x = Float64Array.from([0.1, -2, 0.7, 3.5]);
    const q = quantizeArray(x, quantFormat(E4M3, { kind: "tensor" }));
    const s = Math.fround(448 / 3.5);
    expect(Array.from(q)).toEqual(Array.from(x, (v) => roundMini(v * s, E4M3) / s));
    expect(q[3]).toBe(3.5);
  });

  it("without scaling, values saturate at the format's max", () => {
    const q = quantizeArray(
      Float64Array.from([7, -0.26, 0.24]),
      quantFormat(E2M1, { kind: "none" }),
    );
    expect(Array.from(q)).toEqual([6, -0.5, 0]);
  });
});

describe("MX blocks (E8M0 scale)", () => {
  it("uses X = 2^(floor(log2 amax) − emax_elem) per 32-block, clamping elements past the max", () => {
    const x = new Float64Array(64).fill(0.3);
    x[0] = 7.5; // block 0: floor(log2 7.5) = 2, emax(E2M1) = 2 → X = 1; 7.5 saturates to 6
    x[40] = 0.75; // block 1: floor(log2 0.75) = −1 → X = 2^−3; 0.75/X = 6 exactly
    const q = quantizeArray(x, quantFormat(E2M1, mxBlocks));
    expect(q[0]).toBe(6);
    expect(q[1]).toBe(0.5); // 0.3 / 1 → nearest of {0, 0.5} is 0.5
    expect(q[40]).toBe(0.75);
    expect(q[41]).toBe(0.3 * 8 < 2.5 ? 2 / 8 : 3 / 8); // 0.3·8 = 2.4 → 2 → 0.25
  });

  it("E8M0 codes decode to 2^(E−127) with 0xFF as NaN", () => {
    for (let c = 0; c < 255; c++) expect(decodeE8M0(c)).toBe(2 ** (c - 127));
    expect(decodeE8M0(255)).toBeNaN();
  });
});

describe("NVFP4 blocks", () => {
  it("quantises x / (e4m3(amax_b/6 · s_enc) / s_enc) with s_enc = 6·448 / amax", () => {
    const x = gaussian(64, 1);
    const q = quantizeArray(x, quantFormat(E2M1, nvfp4Blocks));
    const amax = Math.max(...Array.from(x, Math.abs));
    const sEnc = Math.fround((6 * 448) / amax);
    for (let b = 0; b < 4; b++) {
      const blk = x.subarray(16 * b, 16 * b + 16);
      const bmax = Math.max(...Array.from(blk, Math.abs));
      const scale = roundMini((bmax / 6) * sEnc, E4M3) / sEnc;
      for (let i = 0; i < 16; i++)
        expect(q[16 * b + i]).toBeCloseTo(roundMini(blk[i]! / scale, E2M1) * scale, 12);
    }
  });

  it("blocks down columns equal blocks along rows of the transpose", () => {
    const x = gaussian(32 * 48, 2);
    const fmt = quantFormat(E2M1, nvfp4Blocks);
    const down = quantizeMatrix(x, 32, 48, fmt, { axis: 0 }) as Float64Array;
    const along = quantizeMatrix(transpose(x, 32, 48), 48, 32, fmt, { axis: 1 }) as Float64Array;
    expect(Array.from(transpose(down, 32, 48))).toEqual(Array.from(along));
  });

  it("16×16 tiles give W and Wᵀ the same quantisation; 1-D blocks do not", () => {
    const w = gaussian(32 * 32, 3);
    const tiles = quantFormat(E2M1, nvfp4Tiles);
    const a = quantizeMatrix(w, 32, 32, tiles) as Float64Array;
    const b = quantizeMatrix(transpose(w, 32, 32), 32, 32, tiles) as Float64Array;
    expect(Array.from(transpose(b, 32, 32))).toEqual(Array.from(a));
    const blocks = quantFormat(E2M1, nvfp4Blocks);
    const r = quantizeMatrix(w, 32, 32, blocks, { axis: 1 });
    const c = quantizeMatrix(w, 32, 32, blocks, { axis: 0 });
    expect(Array.from(r)).not.toEqual(Array.from(c));
  });

  it("keeps a zero block at zero and names sizes that do not tile", () => {
    expect(Array.from(quantizeArray(new Float64Array(16), quantFormat(E2M1, nvfp4Blocks)))).toEqual(
      new Array(16).fill(0),
    );
    expect(() => quantizeArray(new Float64Array(20), quantFormat(E2M1, nvfp4Blocks))).toThrow(
      TensorError,
    );
    expect(() =>
      quantizeMatrix(new Float64Array(16 * 20), 16, 20, quantFormat(E2M1, nvfp4Tiles)),
    ).toThrow(/multiples of 16/);
    expect(() =>
      quantizeArray(new Float64Array(16), quantFormat(E2M1, nvfp4Blocks, "stochastic")),
    ).toThrow(/without a generator/);
  });
});

describe("stochastic rounding through block scaling", () => {
  it("is unbiased element by element (mean of 4,000 draws within 4 standard errors)", () => {
    const x = gaussian(32, 4);
    x[0] = x[16] = 4; // every block's max is the tensor's: its E4M3 scale is exact (448), none saturates
    const fmt = quantFormat(E2M1, nvfp4Blocks, "stochastic");
    const rng = makeRng(5);
    const n = 4000;
    const sum = new Float64Array(32);
    const sq = new Float64Array(32);
    for (let t = 0; t < n; t++) {
      const q = quantizeArray(x, fmt, { rng });
      for (let i = 0; i < 32; i++) {
        sum[i]! += q[i]!;
        sq[i]! += q[i]! * q[i]!;
      }
    }
    for (let i = 0; i < 32; i++) {
      const mean = sum[i]! / n;
      const se = Math.sqrt(Math.max(sq[i]! / n - mean * mean, 0) / n);
      expect(Math.abs(mean - x[i]!)).toBeLessThanOrEqual(4 * se + 1e-12);
    }
  });

  it("a block max past 6 after its E4M3 scale rounds down saturates (the one biased element)", () => {
    const x = new Float64Array(32).fill(0.1);
    x[0] = 4;
    x[16] = 2.9; // 2.9/6·(2688/4) = 324.8 → E4M3 320: 2.9 / (320/672) = 6.09 → clamps to 6
    const q = quantizeArray(x, quantFormat(E2M1, nvfp4Blocks, "stochastic"), { rng: makeRng(1) });
    expect(q[16]).toBeCloseTo((6 * 320) / 672, 12);
  });

  it("is reproducible from the seed", () => {
    const x = gaussian(64, 6);
    const fmt = quantFormat(E2M1, nvfp4Blocks, "stochastic");
    const a = quantizeArray(x, fmt, { rng: makeRng(7) });
    const b = quantizeArray(x, fmt, { rng: makeRng(7) });
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});

describe("stochastic rounding across the chunks of uniforms", () => {
  // 2^17 values span several chunks of drawn uniforms; element i must use the i-th uniform of
  // the generator's stream in row-major order, as roundMini with that uniform says (the result
  // scaled back by the reciprocal of the inverse scale, as the rounding loops do).
  const n = 1 << 17;
  const rng = makeRng(8);
  const base = Float64Array.from({ length: n }, () => rng.normal());
  const streamOf = (seed: number): Float64Array => {
    const u = new Float64Array(n);
    makeRng(seed).fillUniform32(u);
    return u;
  };

  it("per tensor and in MX blocks, f32 and f64, element by element", () => {
    const u = streamOf(9);
    for (const x of [base, Float32Array.from(base)]) {
      const amax = Array.from(x).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      const inv = Math.fround(E2M1.maxFinite / amax);
      const y = quantizeArray(x, quantFormat(E2M1, { kind: "tensor" }, "stochastic"), {
        rng: makeRng(9),
      });
      const wrong = Array.from(x).filter(
        (v, i) =>
          y[i] !==
          (x instanceof Float32Array ? Math.fround : Number)(
            roundMini(v * inv, E2M1, u[i]!) * (1 / inv),
          ),
      );
      expect(wrong).toEqual([]);
      const z = quantizeArray(x, quantFormat(E2M1, mxBlocks, "stochastic"), { rng: makeRng(9) });
      let bad = 0;
      for (let b = 0; b < n; b += 32) {
        const am = Array.from(x.slice(b, b + 32)).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
        const s = 2 ** (Math.floor(Math.log2(am)) - E2M1.emax);
        for (let i = b; i < b + 32; i++) if (z[i] !== roundMini(x[i]! / s, E2M1, u[i]!) * s) bad++;
      }
      expect(bad).toBe(0);
    }
  });
});

describe("block maxima of f32 inputs (bit patterns) agree with f64 ones", () => {
  it("on NaN, ±Inf, ±0, f32 subnormals and huge values, for MX and NVFP4 blocks", () => {
    const rng = makeRng(10);
    const x = Float32Array.from({ length: 32 * 16 }, () => rng.normal());
    const specials = [NaN, Infinity, -Infinity, -0, 0, 1e-45, -3e-39, 3e38, -2e-40, NaN];
    specials.forEach((v, k) => (x[k * 33] = v));
    x.fill(0, 160, 192); // an all-zero block
    x.fill(NaN, 192, 224); // an all-NaN block
    x.fill(1e-40, 224, 256); // a block of f32 subnormals
    for (const scaling of [mxBlocks, nvfp4Blocks]) {
      const q = quantFormat(E2M1, scaling);
      const a = quantizeArray(x, q);
      const b = quantizeArray(Float64Array.from(x), q);
      expect(Array.from(a, (v, i) => Object.is(v, Math.fround(b[i]!)))).not.toContain(false);
    }
  });
});
