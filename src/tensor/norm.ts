// Layer normalisation (Ba, Kiros & Hinton 2016) over the last axis, composed from primitive
// ops so its gradient and per-op rounding come from theirs. Biased variance, as PyTorch.
import { Tensor } from "./tensor.ts";

export function layerNorm(x: Tensor, gamma?: Tensor, beta?: Tensor, eps = 1e-5): Tensor {
  const mu = x.mean(-1, true);
  const centred = x.sub(mu);
  const variance = centred.mul(centred).mean(-1, true);
  let y = centred.div(variance.add(eps).sqrt());
  if (gamma !== undefined) y = y.mul(gamma);
  if (beta !== undefined) y = y.add(beta);
  return y;
}
