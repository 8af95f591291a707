// Compute-optimal allocation under L(N, D) = E + A/N^α + B/D^β with C = 6ND (Hoffmann et al.
// 2022, eq. 4): N* = G (C/6)^{β/(α+β)}, D* = G⁻¹ (C/6)^{α/(α+β)}, G = (αA / βB)^{1/(α+β)}.
import { FitError } from "./errors.ts";

export interface ChinchillaParams {
  A: number;
  B: number;
  E?: number;
  alpha: number;
  beta: number;
}

export interface ComputeOptimum {
  N: number;
  D: number;
  tokensPerParam: number;
  /** Predicted loss at the optimum (when E is given). */
  loss?: number;
}

/**
 * Compute-optimal model size N and token count D for a budget of `C` FLOP under
 * L(N, D) = E + A/N^α + B/D^β with C = 6ND (Hoffmann et al. 2022, eq. 4); with `E` also the loss
 * at the optimum. Throws FitError when A, B, α, β or C is not positive and finite.
 * @example
 * const { N, D, tokensPerParam } = computeOptimal(hoffmann2022, 5.76e23);
 */
export function computeOptimal(params: ChinchillaParams, C: number): ComputeOptimum {
  const { A, B, alpha, beta, E } = params;
  for (const [name, v] of Object.entries({ A, B, alpha, beta, C })) {
    if (!(v > 0) || !Number.isFinite(v))
      throw new FitError(`${name} = ${v}`, "computeOptimal", `positive finite ${name}`);
  }
  const G = Math.pow((alpha * A) / (beta * B), 1 / (alpha + beta));
  const N = G * Math.pow(C / 6, beta / (alpha + beta));
  const D = Math.pow(C / 6, alpha / (alpha + beta)) / G;
  const out: ComputeOptimum = { N, D, tokensPerParam: D / N };
  if (E !== undefined) out.loss = E + A / Math.pow(N, alpha) + B / Math.pow(D, beta);
  return out;
}
