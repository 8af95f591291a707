// The WebAssembly quantise-dequantise path against the scalar one, bit for bit: every format's
// values, midpoints and specials, per-tensor and block scalings, nearest and stochastic rounding
// (the generator left in the same state), sizes that are not multiples of 4, memory growth; and
// the committed module bytes against a fresh WABT compile of their text.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  BF16,
  E2M1,
  E2M3,
  E3M2,
  E4M3,
  E5M2,
  makeRng,
  minifloat,
  miniValues,
  mxBlocks,
  nvfp4Blocks,
  nvfp4Tiles,
  quantFormat,
  quantizeArray,
  quantizeMatrix,
  type MiniFloat,
  type QuantFormat,
  type Scaling,
} from "../../src/tensor/index.ts";
import { keptQdqBytes, QdqArena, setWasmQdq } from "../../src/tensor/qdq-wasm.ts";
// @ts-expect-error: a plain-JS development script without declarations
import { compileQdq, moduleSource } from "../../bin/build-wasm.mjs";
import { readFileSync } from "node:fs";

const formats: MiniFloat[] = [E4M3, E5M2, E2M3, E3M2, E2M1, BF16, minifloat(3, 4)];
const scalings: Scaling[] = [
  { kind: "none" },
  { kind: "tensor" },
  nvfp4Blocks,
  mxBlocks,
  { kind: "block", size: 4, scale: "f32" },
  { kind: "block", size: 64, scale: E4M3, tensorScale: true },
];

afterEach(() => {
  setWasmQdq(true);
});

/** Every value, midpoint and near-midpoint of the format (as f32), both signs, and specials. */
function probes(fmt: MiniFloat): Float32Array {
  const vals = miniValues(fmt).slice(0, 3000);
  const xs: number[] = [0, -0, NaN, Infinity, -Infinity, fmt.maxFinite * 1.02, 3e38, 1e-45];
  for (let i = 0; i + 1 < vals.length; i++)
    for (const t of [0, 0.25, 0.5, 0.5000001, 0.75])
      xs.push(vals[i]! + t * (vals[i + 1]! - vals[i]!));
  return Float32Array.from([...xs, ...xs.map((v) => -v)]);
}

/** Normal values spread over many binades, with specials sprinkled in. */
function spread(n: number, seed: number): Float32Array {
  const rng = makeRng(seed);
  return Float32Array.from({ length: n }, (_, i) =>
    i % 97 === 5
      ? [0, -0, NaN, Infinity, -1e-40][i % 5]!
      : rng.normal() * Math.exp(3 * rng.normal()),
  );
}

/** quantizeArray by the WebAssembly path and by the scalar one, and each generator's next draw. */
function both(x: Float32Array, q: QuantFormat, seed: number) {
  const run = (wasm: boolean) => {
    setWasmQdq(wasm);
    const rng = makeRng(seed);
    const out = quantizeArray(x, q, { rng });
    return { out: out as Float32Array, next: rng.uniform() };
  };
  return { wasm: run(true), scalar: run(false) };
}

/** Indices where a and b differ in bits (two NaNs count as equal). */
function differing(a: Float32Array, b: Float32Array): number[] {
  const ai = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const bi = new Uint32Array(b.buffer, b.byteOffset, b.length);
  const bad: number[] = [];
  for (let i = 0; i < a.length; i++)
    if (ai[i] !== bi[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) bad.push(i);
  return bad;
}

describe("WebAssembly quantise-dequantise", () => {
  it("equals the scalar path bit for bit on every probe of every format and scaling", () => {
    for (const fmt of formats)
      for (const scaling of scalings)
        for (const rounding of ["nearest", "stochastic"] as const) {
          const p = probes(fmt);
          const x = new Float32Array(Math.ceil(p.length / 64) * 64); // whole blocks for all
          x.set(p);
          const { wasm, scalar } = both(x, quantFormat(fmt, scaling, rounding), 11);
          const name = `${fmt.name} ${JSON.stringify(scaling)} ${rounding}`;
          expect(differing(wasm.out, scalar.out), name).toEqual([]);
          expect(wasm.next, name).toBe(scalar.next);
        }
  });

  it("equals it on matrices with blocks down columns and in 2-D tiles", () => {
    const tiles = { kind: "tile", size: 16, scale: E4M3, tensorScale: true } as const;
    const columns = { kind: "block", size: 16, scale: E4M3, tensorScale: true } as const;
    const mx = { kind: "block", size: 32, scale: "e8m0" } as const;
    for (const [rows, cols] of [
      [32, 16],
      [64, 48],
      [16, 4],
      [32, 100],
    ] as const)
      for (const fmt of [E2M1, E4M3, E3M2])
        for (const rounding of ["nearest", "stochastic"] as const)
          for (const [scaling, axis] of [
            [columns, 0],
            [mx, 0],
            [tiles, 1],
          ] as const) {
            if (scaling.kind === "tile" && cols % 16 !== 0) continue;
            if (rows % scaling.size !== 0) continue;
            const x = spread(rows * cols, rows + cols);
            const q = quantFormat(fmt, scaling, rounding);
            const run = (wasm: boolean) => {
              setWasmQdq(wasm);
              const rng = makeRng(3);
              const out = quantizeMatrix(x, rows, cols, q, { axis, rng }) as Float32Array;
              return { out, next: rng.uniform() };
            };
            const wasm = run(true);
            const scalar = run(false);
            const name = `[${rows}, ${cols}] ${fmt.name} ${scaling.kind} axis ${axis} ${rounding}`;
            expect(differing(wasm.out, scalar.out), name).toEqual([]);
            expect(wasm.next, name).toBe(scalar.next);
          }
  });

  it("equals it on sizes that are not multiples of 4 (the last values after the kernel)", () => {
    for (const n of [1, 2, 3, 5, 7, 4097])
      for (const rounding of ["nearest", "stochastic"] as const) {
        const x = spread(n, n);
        const { wasm, scalar } = both(x, quantFormat(E2M1, { kind: "tensor" }, rounding), n);
        expect(differing(wasm.out, scalar.out), `${n} ${rounding}`).toEqual([]);
        expect(wasm.next).toBe(scalar.next);
      }
  });

  it("quantises a tensor larger than the memory it keeps in an instance of its own", () => {
    const x = spread(1 << 24, 4); // 64 MiB of values, above what the shared instance keeps
    const { wasm, scalar } = both(x, quantFormat(E2M1, nvfp4Blocks, "stochastic"), 8);
    expect(differing(wasm.out, scalar.out)).toEqual([]);
    expect(wasm.next).toBe(scalar.next);
    expect(keptQdqBytes()).toBeLessThanOrEqual(64 << 20);
  });

  it("equals it after the kernel memory grows, and on a small input afterwards", () => {
    for (const n of [64, 1 << 21, 256]) {
      const x = spread(n, 3);
      const { wasm, scalar } = both(x, quantFormat(E2M1, nvfp4Blocks, "stochastic"), 5);
      expect(differing(wasm.out, scalar.out)).toEqual([]);
      expect(wasm.next).toBe(scalar.next);
    }
  });

  it("is taken for f32 tensors by default, not for f64, odd row lengths or other generators", () => {
    const open = vi.spyOn(QdqArena, "open");
    const x = spread(1024, 2);
    const opened = (f: () => unknown): boolean => {
      open.mockClear();
      f();
      return open.mock.results.some((r) => r.type === "return" && r.value !== null);
    };
    expect(opened(() => quantizeArray(x, quantFormat(E2M1, nvfp4Blocks)))).toBe(true);
    expect(
      opened(() =>
        quantizeArray(x, quantFormat(E2M1, nvfp4Blocks, "stochastic"), { rng: makeRng(1) }),
      ),
    ).toBe(true);
    expect(opened(() => quantizeArray(Float64Array.from(x), quantFormat(E2M1, nvfp4Blocks)))).toBe(
      false,
    );
    expect(
      opened(() => quantizeMatrix(x, 32, 32, quantFormat(E2M1, nvfp4Blocks), { axis: 0 })),
    ).toBe(true);
    expect(opened(() => quantizeMatrix(x, 32, 32, quantFormat(E2M1, nvfp4Tiles)))).toBe(true);
    expect(
      opened(() =>
        quantizeMatrix(x.subarray(0, 16 * 18), 16, 18, quantFormat(E2M1, nvfp4Blocks), { axis: 0 }),
      ),
    ).toBe(false); // rows of 18: not whole quads
    const source = Object.assign(() => 0.5, { normal: () => 0 });
    expect(
      opened(() => quantizeArray(x, quantFormat(E2M1, nvfp4Blocks, "stochastic"), { rng: source })),
    ).toBe(false);
    setWasmQdq(false);
    expect(opened(() => quantizeArray(x, quantFormat(E2M1, nvfp4Blocks)))).toBe(false);
    open.mockRestore();
  });

  it("leaves misfitting shapes to the scalar path's error, as without WebAssembly", () => {
    // 2 rows of 24: 48 values make three 16-blocks, but the rows do not split into them.
    const x = spread(48, 1);
    for (const wasm of [true, false]) {
      setWasmQdq(wasm);
      expect(() => quantizeMatrix(x, 2, 24, quantFormat(E2M1, nvfp4Blocks))).toThrow(
        "24 elements along axis 1 in blocks of 16",
      );
      expect(() => quantizeMatrix(x, 3, 16, quantFormat(E2M1, nvfp4Tiles))).toThrow(
        "[3, 16] in 16×16 tiles",
      );
    }
  });

  it("writes into options.out when given, on both paths and for f64, and checks it", () => {
    const x = spread(1024, 6);
    const q = quantFormat(E2M1, nvfp4Blocks, "stochastic");
    for (const wasm of [true, false])
      for (const src of [x, Float64Array.from(x)]) {
        setWasmQdq(wasm);
        const fresh = quantizeMatrix(src, 32, 32, q, { rng: makeRng(4) });
        const out = src instanceof Float32Array ? new Float32Array(1024) : new Float64Array(1024);
        out.fill(7); // stale values of an earlier step must all be overwritten
        const into = quantizeMatrix(src, 32, 32, q, { rng: makeRng(4), out });
        expect(into).toBe(out);
        expect(Array.from(into)).toEqual(Array.from(fresh));
      }
    expect(() => quantizeArray(x, q, { rng: makeRng(1), out: new Float32Array(1000) })).toThrow(
      "options.out: a Float32Array of 1000 (expected a separate Float32Array of 1024, like the input)",
    );
    expect(() => quantizeArray(x, q, { rng: makeRng(1), out: new Float64Array(1024) })).toThrow(
      "options.out: a Float64Array of 1024",
    );
    expect(() => quantizeArray(x, q, { rng: makeRng(1), out: x })).toThrow(
      "sharing the input's buffer",
    );
  });

  it("changes results nowhere in a mixed run of calls", () => {
    // Results computed alternately with and without WebAssembly from one generator each
    // stay in step: the kernel hands the generator back exactly where the scalar loop would.
    const x = spread(4096, 9);
    const q = quantFormat(E4M3, nvfp4Blocks, "stochastic");
    const a = makeRng(1);
    const b = makeRng(1);
    for (let i = 0; i < 4; i++) {
      setWasmQdq(i % 2 === 0);
      const ra = quantizeArray(x, q, { rng: a }) as Float32Array;
      setWasmQdq(false);
      const rb = quantizeArray(x, q, { rng: b }) as Float32Array;
      expect(differing(ra, rb)).toEqual([]);
    }
  });

  it("ships bytes compiled from its WebAssembly text", async () => {
    const committed = readFileSync(
      new URL("../../src/tensor/kernels/qdq-module.js", import.meta.url),
      "utf8",
    );
    expect(committed).toBe(moduleSource(await compileQdq()));
  });
});
