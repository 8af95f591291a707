// A one-hidden-layer tanh network on plain Float64Arrays, with its MSE gradient, SGD and Adam
// steps. The LR-annealing testbed trains dozens of small students for thousands of steps; at
// this size hand-written loops are several times faster than the general tensor engine.
import type { Rng } from "../../tensor/index.ts";

/** y = w2 · tanh(W1 x + b1) + b2, W1 stored row-major as [hidden][input]. */
export interface TanhNet {
  input: number;
  hidden: number;
  /** W1 (hidden × input), b1 (hidden), w2 (hidden), b2 (1), concatenated. */
  params: Float64Array;
}

export const offsets = (net: { input: number; hidden: number }) => {
  const w1 = 0;
  const b1 = net.input * net.hidden;
  const w2 = b1 + net.hidden;
  const b2 = w2 + net.hidden;
  return { w1, b1, w2, b2, size: b2 + 1 };
};

/** PyTorch's default initialisation: every weight and bias uniform in ±1/√fan_in. */
export function initTanhNet(input: number, hidden: number, random: Rng): TanhNet {
  const o = offsets({ input, hidden });
  const params = new Float64Array(o.size);
  const fill = (from: number, to: number, bound: number) => {
    for (let i = from; i < to; i++) params[i] = bound * (2 * random.uniform() - 1);
  };
  fill(o.w1, o.w2, 1 / Math.sqrt(input));
  fill(o.w2, o.size, 1 / Math.sqrt(hidden));
  return { input, hidden, params };
}

/** Outputs for `count` inputs stored row-major in `xs`; `hiddenOut` receives tanh activations. */
export function forward(
  net: TanhNet,
  xs: Float64Array,
  count: number,
  out: Float64Array,
  hiddenOut?: Float64Array,
): void {
  const { input: d, hidden: h, params: p } = net;
  const o = offsets(net);
  for (let n = 0; n < count; n++) {
    let y = p[o.b2]!;
    const x0 = n * d;
    for (let j = 0; j < h; j++) {
      let z = p[o.b1 + j]!;
      const row = o.w1 + j * d;
      for (let k = 0; k < d; k++) z += p[row + k]! * xs[x0 + k]!;
      const a = Math.tanh(z);
      if (hiddenOut) hiddenOut[n * h + j] = a;
      y += p[o.w2 + j]! * a;
    }
    out[n] = y;
  }
}

/** Mean squared error of `net` on (xs, ys). */
export function meanSquaredError(net: TanhNet, xs: Float64Array, ys: Float64Array): number {
  const out = new Float64Array(ys.length);
  forward(net, xs, ys.length, out);
  let sum = 0;
  for (let n = 0; n < ys.length; n++) sum += (out[n]! - ys[n]!) ** 2;
  return sum / ys.length;
}

/** Gradient of the batch MSE with respect to every parameter, written into `grad`. */
export function mseGradient(
  net: TanhNet,
  xs: Float64Array,
  ys: Float64Array,
  grad: Float64Array,
  scratch: { out: Float64Array; hidden: Float64Array },
): void {
  const { input: d, hidden: h, params: p } = net;
  const o = offsets(net);
  const count = ys.length;
  forward(net, xs, count, scratch.out, scratch.hidden);
  grad.fill(0);
  for (let n = 0; n < count; n++) {
    const g = (2 * (scratch.out[n]! - ys[n]!)) / count;
    grad[o.b2]! += g;
    const x0 = n * d;
    for (let j = 0; j < h; j++) {
      const a = scratch.hidden[n * h + j]!;
      grad[o.w2 + j]! += g * a;
      const dz = g * p[o.w2 + j]! * (1 - a * a);
      grad[o.b1 + j]! += dz;
      const row = o.w1 + j * d;
      for (let k = 0; k < d; k++) grad[row + k]! += dz * xs[x0 + k]!;
    }
  }
}

/** Adam state (Kingma & Ba 2015) for one parameter vector. */
export interface AdamState {
  m: Float64Array;
  v: Float64Array;
  t: number;
  beta1: number;
  beta2: number;
  eps: number;
}

export function adamState(size: number, beta1 = 0.9, beta2 = 0.999, eps = 1e-8): AdamState {
  return { m: new Float64Array(size), v: new Float64Array(size), t: 0, beta1, beta2, eps };
}

/** One update of `params` at learning rate `lr`: plain SGD without a state, Adam with one. */
export function step(params: Float64Array, grad: Float64Array, lr: number, adam?: AdamState): void {
  if (!adam) {
    for (let i = 0; i < params.length; i++) params[i]! -= lr * grad[i]!;
    return;
  }
  adam.t += 1;
  const { m, v, beta1, beta2, eps } = adam;
  const c1 = 1 - beta1 ** adam.t;
  const c2 = 1 - beta2 ** adam.t;
  for (let i = 0; i < params.length; i++) {
    const g = grad[i]!;
    m[i] = beta1 * m[i]! + (1 - beta1) * g;
    v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
    params[i]! -= (lr * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + eps);
  }
}
