// A procedural 10-class set in R^64 in place of the 8×8 Digits set of Sao 2026 (no downloads):
// class means N(0, spread²·I), points = mean + N(0, I), classes balanced, seeded; split into
// training and test rows.
import { makeRng, tensor, type Tensor } from "../../tensor/index.ts";

export interface Blobs {
  x: Tensor;
  labels: Int32Array;
  test: { x: Tensor; labels: Int32Array };
}

export interface BlobOptions {
  n: number;
  d?: number;
  classes?: number;
  /** Standard deviation of the class means (default 0.35). */
  spread?: number;
  /** Share of the points held out for testing (default 0.2). */
  testShare?: number;
  seed: number;
}

/**
 * A seeded 10-class data set in R^64 (defaults) standing in for 8×8 Digits: class means
 * N(0, spread²·I) (spread 0.35), points = mean + N(0, I), f64; `testShare` (0.2) of the n points held out as `test`.
 */
export function blobs(options: BlobOptions): Blobs {
  const { n, seed } = options;
  const d = options.d ?? 64;
  const classes = options.classes ?? 10;
  const spread = options.spread ?? 0.35;
  const rng = makeRng(seed);
  const means = Float64Array.from({ length: classes * d }, () => spread * rng.normal());
  const order = rng.permutation(n);
  const nTest = Math.round((options.testShare ?? 0.2) * n);
  const build = (rows: Int32Array) => {
    const x = new Float64Array(rows.length * d);
    const labels = new Int32Array(rows.length);
    rows.forEach((row, i) => {
      const c = row % classes;
      labels[i] = c;
      for (let k = 0; k < d; k++) x[i * d + k] = means[c * d + k]! + rng.normal();
    });
    return { x: tensor(x, [rows.length, d], { dtype: "f64" }), labels };
  };
  const train = build(order.subarray(nTest));
  return { ...train, test: build(order.subarray(0, nTest)) };
}
