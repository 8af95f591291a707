// Repeated data in a fixed budget (Hernandez et al. 2022, §2): of N training slots, a fraction f
// is filled by r copies of fN/r unique examples and the rest by fresh ones. The student is fitted
// to convergence — weighted ridge on its random features, each repeated example counted r times:
//   w = (Φ_fᵀΦ_f + r Φ_rᵀΦ_r + λN I)⁻¹ (Φ_fᵀy_f + r Φ_rᵀy_r).
// Per seed the teacher, features, fresh data, the pool of repeatable examples (the r-run uses its
// first fN/r) and the test set are shared by every r, so differences between r are paired.
import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { makeRng, tensor } from "../../tensor/index.ts";
import { RepeatedDataError } from "./errors.ts";
import {
  features,
  makeTestbed,
  sampleInputs,
  teacherOutput,
  type TestbedOptions,
} from "./teacher.ts";

export interface RepeatedDataOptions extends TestbedOptions {
  seed: number;
  /** Fraction of the training slots given to repeated examples. */
  fraction: number;
  /** Repeat counts r to evaluate (r = 1: every slot holds a distinct example). */
  repeats: readonly number[];
  /** Training slots (the budget). */
  N?: number;
  /** Ridge strength per slot: the penalty is λN‖w‖². */
  lambda?: number;
  /** Test inputs (the loss is against the clean teacher). */
  test?: number;
}

/** ΦᵀΦ (P × P) and Φᵀy (P) of n feature rows. */
function moments(
  Phi: Float64Array,
  y: Float64Array,
  P: number,
): { gram: Float64Array; cross: Float64Array } {
  const n = y.length;
  const F = tensor(Phi, [n, P], { dtype: "f64" });
  const Ft = F.transpose();
  const gram = Float64Array.from(Ft.matmul(F).data);
  const cross = Float64Array.from(Ft.matmul(tensor(y, [n, 1], { dtype: "f64" })).data);
  return { gram, cross };
}

function solveSymmetric(A: Float64Array, b: Float64Array, P: number): Float64Array {
  const rows = Array.from({ length: P }, (_, i) =>
    Array.from({ length: P }, (_, j) => 0.5 * (A[i * P + j]! + A[j * P + i]!)),
  );
  const x = new CholeskyDecomposition(new Matrix(rows)).solve(Matrix.columnVector(Array.from(b)));
  return Float64Array.from(x.getColumn(0));
}

/** Test MSE (against the clean teacher) of the converged student for every r in `repeats`. */
export function repeatedDataLosses(options: RepeatedDataOptions): number[] {
  const { seed, fraction, repeats, N = 4000, lambda = 1e-4, test = 4000 } = options;
  if (!(fraction >= 0 && fraction < 1))
    throw new RepeatedDataError("repeatedDataLosses", `fraction = ${fraction}`, "0 ≤ fraction < 1");
  for (const r of repeats)
    if (!((Number.isInteger(r) && r >= 1 && r <= Math.floor(fraction * N)) || r === 1))
      throw new RepeatedDataError(
        "repeatedDataLosses",
        `repeat count ${r}`,
        `an integer from 1 to fN = ${Math.floor(fraction * N)}`,
      );
  const random = makeRng(seed);
  const testbed = makeTestbed(random, options);
  const { P, noise } = testbed;
  const repeatedSlots = Math.floor(fraction * N);
  const noisy = (X: Float64Array) =>
    Float64Array.from(teacherOutput(testbed, X), (v) => v + noise * random.normal());
  const Xf = sampleInputs(testbed, N - repeatedSlots, random);
  const fresh = moments(features(testbed, Xf), noisy(Xf), P);
  const Xpool = sampleInputs(testbed, repeatedSlots, random);
  const Phipool = features(testbed, Xpool);
  const ypool = noisy(Xpool);
  const Xt = sampleInputs(testbed, test, random);
  const Phit = tensor(features(testbed, Xt), [test, P], { dtype: "f64" });
  const yt = teacherOutput(testbed, Xt);
  return repeats.map((r) => {
    const unique = repeatedSlots === 0 ? 0 : Math.floor(repeatedSlots / r);
    const rep = moments(Phipool.subarray(0, unique * P), ypool.subarray(0, unique), P);
    const A = fresh.gram.map((g, i) => g + r * rep.gram[i]!);
    for (let i = 0; i < P; i++) A[i * P + i]! += lambda * N;
    const b = fresh.cross.map((c, i) => c + r * rep.cross[i]!);
    const w = solveSymmetric(A, b, P);
    const pred = Phit.matmul(tensor(w, [P, 1], { dtype: "f64" })).data;
    let sum = 0;
    for (let i = 0; i < test; i++) sum += (pred[i]! - yt[i]!) ** 2;
    return sum / test;
  });
}
