// bf16/f16 rounding against independent bit-level references (round-to-nearest-even on the
// float32 bit pattern), exhaustively over every 16-bit value and its midpoints, plus the
// edge cases: ties, subnormals, max finite, overflow, NaN, signed zero, double rounding.
import { describe, expect, it } from "vitest";
import { makeRng, roundBf16, roundF16, promote } from "../../src/tensor/index.ts";

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const bitsOf = (x: number): number => ((f32[0] = x), u32[0]!);
const fromBits = (u: number): number => ((u32[0] = u >>> 0), f32[0]!);

/** Reference bf16 rounding of a float32 value: the classic integer trick. */
function bf16Ref(x: number): number {
  const u = bitsOf(x);
  if ((u & 0x7f800000) === 0x7f800000 && (u & 0x7fffff) !== 0) return NaN;
  return fromBits(((u + 0x7fff + ((u >>> 16) & 1)) & 0xffff0000) >>> 0);
}

function decodeF16(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m === 0 ? s * Infinity : NaN;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

/** Reference float32 → binary16 bits, round to nearest even (integer arithmetic only). */
function f16BitsRef(x: number): number {
  const u = bitsOf(x);
  const sign = (u >>> 16) & 0x8000;
  const exp = (u >>> 23) & 0xff;
  const mant = u & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant !== 0 ? 0x200 : 0);
  const e = exp - 112;
  if (e >= 31) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    const m = mant | 0x800000;
    const shift = 14 - e;
    let half = m >>> shift;
    const rem = m & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rem > halfway || (rem === halfway && half & 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && half & 1)) half++;
  return sign | half;
}
const f16Ref = (x: number): number => decodeF16(f16BitsRef(x));

const same = (a: number, b: number): boolean =>
  Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

describe("bf16 rounding", () => {
  it("fixes every bf16 value and rounds every midpoint to even", () => {
    const failures: number[] = [];
    for (let h = 0; h < 0x10000; h++) {
      const v = fromBits(h << 16);
      if (!same(roundBf16(v), v)) failures.push(h);
      // exactly halfway to the next pattern, and one float32 ulp either side of it
      for (const low of [0x8000, 0x8001, 0x7fff]) {
        const x = fromBits((h << 16) | low);
        if (Number.isFinite(x) && !same(roundBf16(x), bf16Ref(x))) failures.push(h);
      }
    }
    expect(failures).toEqual([]);
  });
  it("agrees with the bit trick on a million random float32 patterns", () => {
    const rng = makeRng(1);
    for (let i = 0; i < 1_000_000; i++) {
      const x = fromBits(rng.nextUint32());
      if (!same(roundBf16(x), bf16Ref(x))) expect([x, roundBf16(x)]).toEqual([x, bf16Ref(x)]);
    }
  });
  it("handles max finite, overflow, subnormals, NaN and signed zero", () => {
    const max = (2 - 2 ** -7) * 2 ** 127;
    expect(roundBf16(max)).toBe(max);
    expect(roundBf16(max + 2 ** 119)).toBe(Infinity); // exactly halfway past max: tie to even overflows
    expect(roundBf16(max + 2 ** 118)).toBe(max);
    expect(roundBf16(-1e39)).toBe(-Infinity);
    expect(roundBf16(2 ** -133)).toBe(2 ** -133); // smallest subnormal
    expect(roundBf16(2 ** -134)).toBe(0); // half of it: tie to even (0)
    expect(roundBf16(1.5 * 2 ** -134)).toBe(2 ** -133);
    expect(Number.isNaN(roundBf16(NaN))).toBe(true);
    expect(Object.is(roundBf16(-0), -0)).toBe(true);
    expect(Object.is(roundBf16(-1e-45), -0)).toBe(true);
  });
  it("rounds straight from float64 (no double rounding through float32)", () => {
    const x = 1 + 2 ** -8 + 2 ** -40; // f32 would round it to the tie 1 + 2^-8, then to even 1
    expect(Math.fround(x)).toBe(1 + 2 ** -8);
    expect(roundBf16(x)).toBe(1 + 2 ** -7);
  });
});

describe("f16 rounding", () => {
  it("fixes every f16 value and rounds every midpoint to even", () => {
    const failures: number[] = [];
    for (let h = 0; h < 0x7c00; h++) {
      const v = decodeF16(h);
      const top = h + 1 === 0x7c00; // past max finite the next value is 2^16, i.e. overflow
      const next = top ? 65536 : decodeF16(h + 1);
      const mid = (v + next) / 2;
      const nudge = (next - v) / 1024;
      const ok =
        roundF16(v) === v &&
        Object.is(roundF16(-v), -v) &&
        roundF16(mid) === (top ? Infinity : h % 2 === 0 ? v : next) &&
        roundF16(mid - nudge) === v &&
        roundF16(mid + nudge) === (top ? Infinity : next);
      if (!ok) failures.push(h);
    }
    expect(failures).toEqual([]);
  });
  it("agrees with an integer float32 → binary16 reference on a million random patterns", () => {
    const rng = makeRng(2);
    for (let i = 0; i < 1_000_000; i++) {
      const x = fromBits(rng.nextUint32());
      if (!same(roundF16(x), f16Ref(x))) expect([x, roundF16(x)]).toEqual([x, f16Ref(x)]);
    }
  });
  it("handles max finite, overflow, subnormals, NaN", () => {
    expect(roundF16(65504)).toBe(65504);
    expect(roundF16(65519.99)).toBe(65504);
    expect(roundF16(65520)).toBe(Infinity);
    expect(roundF16(-65520)).toBe(-Infinity);
    expect(roundF16(2 ** -24)).toBe(2 ** -24);
    expect(roundF16(2 ** -25)).toBe(0);
    expect(roundF16(2 ** -25 + 2 ** -40)).toBe(2 ** -24);
    expect(roundF16(3 * 2 ** -25)).toBe(2 ** -23); // tie between 1 and 2 quanta → 2 (even)
    expect(roundF16(2 ** -14 - 2 ** -25)).toBe(2 ** -14); // rounds up into the normal range
    expect(Number.isNaN(roundF16(NaN))).toBe(true);
    expect(roundF16(Infinity)).toBe(Infinity);
  });
});

describe("type promotion", () => {
  it("follows PyTorch: f64 > f32 > half, bf16 with f16 gives f32", () => {
    expect(promote("f32", "f64")).toBe("f64");
    expect(promote("bf16", "f32")).toBe("f32");
    expect(promote("bf16", "f16")).toBe("f32");
    expect(promote("f16", "f16")).toBe("f16");
  });
});
