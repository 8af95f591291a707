// The noisy copy task of the small-scale-proxies notebook: a sequence x₁…x_H followed by a
// noisy copy (each token kept with probability pCopy, else redrawn uniformly), loss on the
// copy. Its best possible loss is known in closed form, so "how far from optimal" is exact.
import type { Rng } from "../../tensor/index.ts";
import { ProxyError } from "./errors.ts";

export interface CopyTaskOptions {
  /** Vocabulary size of the model. */
  vocab: number;
  /** Tokens that ever occur (the first `used` of the vocabulary; default: all). */
  used?: number;
  /** Length H of each half; the model reads 2H − 1 tokens. */
  half: number;
  /** Probability that a copied token equals its source. */
  pCopy: number;
}

export interface CopyBatch {
  /** [batch, 2H − 1] input tokens, row-major. */
  tokens: Int32Array;
  /** Flat row indices (b·T + t) of the positions that carry a loss. */
  positions: Int32Array;
  /** The next token at each of those positions. */
  targets: Int32Array;
  batch: number;
  seqLen: number;
}

function check(o: CopyTaskOptions): number {
  const used = o.used ?? o.vocab;
  const bad = (what: string, expected: string): never => {
    throw new ProxyError("copy task", what, expected);
  };
  if (!(Number.isInteger(used) && used >= 2 && used <= o.vocab))
    bad(`used = ${used} of vocab ${o.vocab}`, "2 ≤ used ≤ vocab");
  if (!(Number.isInteger(o.half) && o.half >= 2)) bad(`half = ${o.half}`, "an integer ≥ 2");
  if (!(o.pCopy >= 0 && o.pCopy <= 1)) bad(`pCopy = ${o.pCopy}`, "a probability");
  return used;
}

/**
 * A batch of sequences x₁…x_H y₁…y_H (y_i = x_i with probability pCopy). The model reads all
 * but the last token; the loss positions predict y₂…y_H, whose source x_i lies H − 1 back.
 */
export function copyBatch(o: CopyTaskOptions, batch: number, rng: Rng): CopyBatch {
  const used = check(o);
  const H = o.half;
  const T = 2 * H - 1;
  const tokens = new Int32Array(batch * T);
  const positions = new Int32Array(batch * (H - 1));
  const targets = new Int32Array(batch * (H - 1));
  const seq = new Int32Array(2 * H);
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < H; i++) seq[i] = rng.int(used);
    for (let i = 0; i < H; i++) {
      const keep = rng.uniform() < o.pCopy;
      const fresh = rng.int(used);
      seq[H + i] = keep ? seq[i]! : fresh;
    }
    tokens.set(seq.subarray(0, T), b * T);
    for (let j = 0; j < H - 1; j++) {
      positions[b * (H - 1) + j] = b * T + H + j;
      targets[b * (H - 1) + j] = seq[H + j + 1]!;
    }
  }
  return { tokens, positions, targets, batch, seqLen: T };
}

/**
 * The least expected loss (nats): knowing the source x, the copy is x with probability
 * a = pCopy + (1 − pCopy)/U and each other used token with b = (1 − pCopy)/U, so the floor is
 * the entropy −a ln a − (U − 1) b ln b.
 */
export function copyLossFloor(o: CopyTaskOptions): number {
  const U = check(o);
  const b = (1 - o.pCopy) / U;
  const a = o.pCopy + b;
  const xlogx = (p: number): number => (p > 0 ? p * Math.log(p) : 0);
  return -xlogx(a) - (U - 1) * xlogx(b);
}

/**
 * The loss of the best possible predictor on `batch` (it knows each copy's source token): the
 * floor for this finite sample, which differs from copyLossFloor by sampling noise.
 */
export function copyOracleLoss(o: CopyTaskOptions, batch: CopyBatch): number {
  const U = check(o);
  const b = (1 - o.pCopy) / U;
  const a = o.pCopy + b;
  let total = 0;
  for (let i = 0; i < batch.positions.length; i++) {
    const source = batch.tokens[batch.positions[i]! - (o.half - 1)]!;
    total -= Math.log(batch.targets[i] === source ? a : b);
  }
  return total / batch.positions.length;
}
