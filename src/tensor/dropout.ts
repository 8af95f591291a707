// Inverted dropout (Srivastava et al. 2014): zero each element with probability p and scale
// the survivors by 1/(1 − p) in training; identity in evaluation. The mask comes from a seeded Rng.
import { allocate } from "./dtype.ts";
import { drawUniform, type RandomSource } from "./rng.ts";
import { Tensor } from "./tensor.ts";

/**
 * Inverted dropout: zeroes each element with probability `p` (mask drawn from `rng`) and scales
 * the rest by 1/(1 − p); returns `x` itself when `training` is false or p = 0.
 */
export function dropout(x: Tensor, p: number, rng: RandomSource, training = true): Tensor {
  if (!training || p === 0) return x;
  const mask = allocate(x.dtype, x.size);
  const scale = 1 / (1 - p);
  for (let i = 0; i < mask.length; i++) mask[i] = drawUniform(rng) < p ? 0 : scale;
  return x.mul(new Tensor(mask, x.shape, x.dtype));
}
