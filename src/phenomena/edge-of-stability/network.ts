// The student: a tanh MLP (20 → 100 → 100 → 10 by default) in f64 on the tensor engine, weights
// and biases U(±1/√fan_in) as PyTorch's nn.Linear draws them (or N(0, 1/fan_in) weights and zero
// biases with init "normal"), with the squared loss L = ½·Σ‖f(x) − y‖²/n of Cohen et al.
// 2021 (their sharpness figures use this ½-sum-over-outputs scaling, so 2/η is comparable).
import { gather, makeRng, mseLoss, tensor, type Tensor } from "../../tensor/index.ts";

export interface TanhMlp {
  sizes: readonly number[];
  /** [W1, b1, W2, b2, …] with W stored [in, out]. */
  params: Tensor[];
}

/**
 * "pytorch": nn.Linear's default, weights and biases U(±1/√fan_in), as in Cohen et al.'s code;
 * "normal": weights N(0, 1/fan_in), zero biases.
 */
export type MlpInit = "pytorch" | "normal";

/**
 * The edge-of-stability student: a tanh MLP with layer widths `sizes`, f64 weights [in, out] and
 * biases, seeded. "pytorch" init (default) draws weights and biases from U(±1/√fan_in);
 * "normal" draws weights N(0, 1/fan_in) with zero biases.
 */
export function tanhMlp(
  sizes: readonly number[],
  seed: number,
  init: MlpInit = "pytorch",
): TanhMlp {
  const rng = makeRng(seed);
  const params: Tensor[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [fanIn, fanOut] = [sizes[l]!, sizes[l + 1]!];
    const bound = 1 / Math.sqrt(fanIn);
    const draw = () => (init === "normal" ? rng.normal() * bound : (2 * rng.uniform() - 1) * bound);
    const w = Float64Array.from({ length: fanIn * fanOut }, draw);
    const b = Float64Array.from({ length: fanOut }, () => (init === "normal" ? 0 : draw()));
    params.push(tensor(w, [fanIn, fanOut], { dtype: "f64", requiresGrad: true }));
    params.push(tensor(b, [fanOut], { dtype: "f64", requiresGrad: true }));
  }
  return { sizes, params };
}

/** The tanh MLP's output for inputs x [n, sizes[0]]: tanh after every layer but the last. */
export function forward(net: TanhMlp, x: Tensor): Tensor {
  let h = x;
  const layers = net.params.length / 2;
  for (let l = 0; l < layers; l++) {
    h = h.matmul(net.params[2 * l]!).add(net.params[2 * l + 1]!);
    if (l + 1 < layers) h = h.tanh();
  }
  return h;
}

/** ½·Σ‖f(x) − y‖²/rows on all rows, or on the rows listed in `batch`. */
export function halfSquaredLoss(net: TanhMlp, x: Tensor, y: Tensor, batch?: Int32Array): Tensor {
  const xs = batch === undefined ? x : gather(x, batch);
  const ys = batch === undefined ? y : gather(y, batch);
  return mseLoss(forward(net, xs), ys, "sum").mul(0.5 / xs.shape[0]!);
}
