// The modular-addition task of the grokking literature (Power et al. 2022; Prieto et al. 2025,
// §2): every pair (a, b) ∈ [0, p)², label (a + b) mod p, split once by a seeded permutation
// into a training set (the first ⌊fraction·p²⌋ pairs) and a test set (the rest).
import { makeRng } from "../../tensor/index.ts";
import { GrokkingError } from "./errors.ts";

/** One side of the split: operand columns and labels, as index arrays for gather/pick. */
export interface ModularSplit {
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly y: Int32Array;
}

export interface ModularAddition {
  readonly p: number;
  readonly train: ModularSplit;
  readonly test: ModularSplit;
}

export interface ModularAdditionOptions {
  p: number;
  trainFraction: number;
  seed: number;
}

function splitOf(pairs: Int32Array, p: number): ModularSplit {
  const a = new Int32Array(pairs.length);
  const b = new Int32Array(pairs.length);
  const y = new Int32Array(pairs.length);
  for (let i = 0; i < pairs.length; i++) {
    a[i] = Math.floor(pairs[i]! / p);
    b[i] = pairs[i]! % p;
    y[i] = (a[i]! + b[i]!) % p;
  }
  return { a, b, y };
}

/** All p² pairs, shuffled by `seed`, split at ⌊trainFraction·p²⌋. */
export function modularAddition({
  p,
  trainFraction,
  seed,
}: ModularAdditionOptions): ModularAddition {
  if (!Number.isInteger(p) || p < 2)
    throw new GrokkingError("modularAddition.p", `p = ${p}`, "an integer ≥ 2");
  const n = p * p;
  const nTrain = Math.floor(trainFraction * n);
  if (!(nTrain >= 1 && nTrain < n))
    throw new GrokkingError(
      "modularAddition.trainFraction",
      `trainFraction = ${trainFraction} (${nTrain} of ${n} pairs)`,
      "a fraction leaving ≥ 1 pair on each side",
    );
  const order = makeRng(seed).permutation(n); // pair index a·p + b
  return {
    p,
    train: splitOf(order.subarray(0, nTrain), p),
    test: splitOf(order.subarray(nTrain), p),
  };
}
