// Every differentiable op against central finite differences in f64, on random shapes
// and values drawn by fast-check (seeded).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  concat,
  crossEntropy,
  dropout,
  gather,
  gatherSum,
  layerNorm,
  logSoftmax,
  logStablemax,
  makeRng,
  logsumexp,
  matmul,
  max,
  mean,
  mseLoss,
  pick,
  slice,
  softmax,
  stablemax,
  sum,
  type Tensor,
} from "../../src/tensor/index.ts";
import { gradcheck } from "./gradcheck.ts";

const TOL = 1e-5;
const runs = { numRuns: 25, seed: 20250101 };
const shapeArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 });
const valuesFor = (n: number, lo = -2, hi = 2) =>
  fc
    .array(fc.double({ min: lo, max: hi, noNaN: true }), { minLength: n, maxLength: n })
    .map((a) => Float64Array.from(a));
const withValues = (lo = -2, hi = 2) =>
  shapeArb.chain((s) =>
    valuesFor(
      s.reduce((p, d) => p * d, 1),
      lo,
      hi,
    ).map((v) => ({ s, v })),
  );
/** A second shape broadcastable against `s`: some axes set to 1, maybe fewer leading axes. */
const broadcastPartner = (s: number[]) =>
  fc
    .tuple(
      fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }),
      fc.integer({ min: 0, max: s.length - 1 }),
    )
    .map(([ones, drop]) => s.map((d, i) => (ones[i] ? 1 : d)).slice(drop));

function check(f: (xs: Tensor[]) => Tensor, values: Float64Array[], shapes: number[][]): void {
  const r = gradcheck(f, values, shapes);
  expect(r.maxError, JSON.stringify(r.worst)).toBeLessThan(TOL);
}

describe("unary ops match finite differences", () => {
  const cases: [string, (t: Tensor) => Tensor, number, number][] = [
    ["neg", (t) => t.neg(), -2, 2],
    ["exp", (t) => t.exp(), -2, 2],
    ["log", (t) => t.log(), 0.2, 3],
    ["tanh", (t) => t.tanh(), -2, 2],
    ["gelu", (t) => t.gelu(), -3, 3],
    ["sqrt", (t) => t.sqrt(), 0.2, 3],
    ["pow 3", (t) => t.pow(3), -2, 2],
    ["pow -1.5", (t) => t.pow(-1.5), 0.3, 3],
  ];
  for (const [name, f, lo, hi] of cases)
    it(name, () =>
      fc.assert(
        fc.property(withValues(lo, hi), ({ s, v }) => check(([x]) => f(x!), [v], [s])),
        runs,
      ),
    );

  it("relu away from the kink", () =>
    fc.assert(
      fc.property(withValues(), ({ s, v }) => {
        const safe = v.map((x) => (Math.abs(x) < 0.01 ? x + 0.05 : x));
        check(([x]) => x!.relu(), [safe], [s]);
      }),
      runs,
    ));
});

describe("broadcasting binary ops match finite differences", () => {
  const ops: [string, (a: Tensor, b: Tensor) => Tensor][] = [
    ["add", (a, b) => a.add(b)],
    ["sub", (a, b) => a.sub(b)],
    ["mul", (a, b) => a.mul(b)],
    ["div", (a, b) => a.div(b)],
  ];
  for (const [name, f] of ops)
    // Denominators stay in [0.5, 2] for div whichever side they are on.
    it(name, () =>
      fc.assert(
        fc.property(
          withValues(name === "div" ? 0.5 : -2, 2).chain(({ s, v }) =>
            broadcastPartner(s).chain((t) =>
              valuesFor(
                t.reduce((p, d) => p * d, 1),
                0.5,
                2,
              ).map((w) => ({ s, v, t, w })),
            ),
          ),
          fc.boolean(),
          ({ s, v, t, w }, swap) => {
            if (swap) check(([a, b]) => f(a!, b!), [w, v], [t, s]);
            else check(([a, b]) => f(a!, b!), [v, w], [s, t]);
          },
        ),
        runs,
      ),
    );
});

describe("one-element operands on either side", () => {
  it("add, sub, mul, div with a scalar tensor", () =>
    fc.assert(
      fc.property(
        withValues(0.5, 2),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        ({ s, v }, c) => {
          const cv = Float64Array.of(c);
          check(([x, k]) => x!.add(k!).mul(k!).sub(k!.div(x!)).div(k!), [v, cv], [s, []]);
          check(([x]) => x!.mul(3).sub(1).div(2), [v], [s]);
        },
      ),
      runs,
    ));
});

describe("reductions and normalisers match finite differences", () => {
  const axisOf = (s: number[]) => fc.integer({ min: -s.length, max: s.length - 1 });
  const reducers: [string, (t: Tensor, axis: number) => Tensor][] = [
    ["sum", (t, a) => sum(t, a)],
    ["mean keepDims", (t, a) => mean(t, a, true)],
    ["logsumexp", (t, a) => logsumexp(t, a)],
    ["softmax", (t, a) => softmax(t, a)],
    ["logSoftmax", (t, a) => logSoftmax(t, a)],
    ["stablemax", (t, a) => stablemax(t, a)],
    ["logStablemax", (t, a) => logStablemax(t, a)],
  ];
  for (const [name, f] of reducers)
    it(name, () =>
      fc.assert(
        fc.property(
          withValues().chain((x) => axisOf(x.s).map((axis) => ({ ...x, axis }))),
          ({ s, v, axis }) => check(([x]) => f(x!, axis), [v], [s]),
        ),
        runs,
      ),
    );

  it("sum and mean of all elements", () =>
    fc.assert(
      fc.property(withValues(), ({ s, v }) => check(([x]) => x!.sum().add(x!.mean()), [v], [s])),
      runs,
    ));

  it("max with a unique maximum", () =>
    fc.assert(
      fc.property(shapeArb, (s) => {
        const n = s.reduce((p, d) => p * d, 1);
        const v = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 2 + i * 1e-3); // distinct values
        check(([x]) => max(x!, -1), [v], [s]);
      }),
      runs,
    ));

  it("layerNorm with gain and bias, and with a gain only (qk-layernorm)", () =>
    fc.assert(
      fc.property(withValues(), ({ s, v }) => {
        const d = s[s.length - 1]!;
        if (d < 2) return;
        const g = Float64Array.from({ length: d }, (_, i) => 0.5 + i / d);
        const b = Float64Array.from({ length: d }, (_, i) => i / d - 0.3);
        check(([x, gg, bb]) => layerNorm(x!, gg, bb), [v, g, b], [s, [d], [d]]);
        check(([x, gg]) => layerNorm(x!, gg), [v, g], [s, [d]]);
      }),
      runs,
    ));
});

describe("matmul, indexing and losses match finite differences", () => {
  const dims = fc.integer({ min: 1, max: 5 });
  it("2-D matmul", () =>
    fc.assert(
      fc.property(dims, dims, dims, (m, k, n) => {
        const a = Float64Array.from({ length: m * k }, (_, i) => Math.cos(i + m));
        const b = Float64Array.from({ length: k * n }, (_, i) => Math.sin(i * 3 + n));
        check(
          ([x, y]) => matmul(x!, y!),
          [a, b],
          [
            [m, k],
            [k, n],
          ],
        );
      }),
      runs,
    ));
  it("batched matmul, and batched times 2-D", () =>
    fc.assert(
      fc.property(dims, dims, dims, fc.integer({ min: 1, max: 3 }), (m, k, n, B) => {
        const a = Float64Array.from({ length: B * m * k }, (_, i) => Math.cos(i * 0.7 + m));
        const b = Float64Array.from({ length: B * k * n }, (_, i) => Math.sin(i * 1.3 + n));
        check(
          ([x, y]) => matmul(x!, y!),
          [a, b],
          [
            [B, m, k],
            [B, k, n],
          ],
        );
        check(
          ([x, y]) => matmul(x!, y!),
          [a, b.subarray(0, k * n)],
          [
            [B, m, k],
            [k, n],
          ],
        );
      }),
      runs,
    ));
  it("transpose, permute and reshape", () =>
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 3 }), (s) => {
        const v = Float64Array.from({ length: s[0]! * s[1]! * s[2]! }, (_, i) => Math.sin(i));
        check(
          ([x]) =>
            x!
              .permute([2, 0, 1])
              .transpose(0, 1)
              .reshape([-1])
              .mul(x!.reshape([-1])),
          [v],
          [s],
        );
      }),
      runs,
    ));
  it("dropout with a fixed mask, and casts", () => {
    const w = Float64Array.from({ length: 24 }, (_, i) => Math.sin(i));
    check(([x]) => dropout(x!, 0.3, makeRng(5)), [w], [[4, 6]]);
    check(([x]) => x!.to("f64").mul(x!), [w], [[4, 6]]);
  });
  it("gather, gatherSum, pick, slice, concat", () => {
    const w = Float64Array.from({ length: 12 }, (_, i) => Math.cos(i));
    check(([x]) => gather(x!, [2, 0, 2, 1]), [w], [[4, 3]]);
    check(
      ([x]) =>
        gatherSum(x!, [
          [0, 1, 1],
          [3, 3, 2],
        ]),
      [w],
      [[4, 3]],
    );
    check(([x]) => pick(x!, [1, 0, 2, 2]), [w], [[4, 3]]);
    check(([x]) => slice(x!, 1, 1, 3), [w], [[4, 3]]);
    check(
      ([x, y]) => concat([x!, y!, x!], 0),
      [w, w.subarray(0, 6)],
      [
        [4, 3],
        [2, 3],
      ],
    );
  });
  it("cross-entropy with softmax and with stablemax, and MSE", () =>
    fc.assert(
      fc.property(withValues(-3, 3), ({ s, v }) => {
        const C = s[s.length - 1]!;
        const N = v.length / C;
        const targets = Array.from({ length: N }, (_, i) => (i * 7) % C);
        check(([x]) => crossEntropy(x!, targets), [v], [[N, C]]);
        check(([x]) => crossEntropy(x!, targets, { zLoss: 0.3, reduction: "sum" }), [v], [[N, C]]);
        check(
          ([x]) => crossEntropy(x!, targets, { kind: "stablemax", reduction: "sum" }),
          [v],
          [[N, C]],
        );
        check(
          ([x, t]) => mseLoss(x!, t!),
          [v, v.map((z) => z / 2 + 0.1)],
          [
            [N, C],
            [N, C],
          ],
        );
      }),
      runs,
    ));
});
