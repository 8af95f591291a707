// The memoriser: an MLP from a key's code to one softmax head per attribute, trained with Adam
// (cosine decay) on every fact the same number of times (the paper's "exposures"). Bits stored
// are Allen-Zhu & Li's information-theoretic lower bound: Σ over facts of log₂ V minus the
// model's cross-entropy in bits — what an encoder holding the model saves over a uniform code.
import {
  Adam,
  MLP,
  crossEntropy,
  makeRng,
  noGrad,
  tensor,
  type Dtype,
} from "../../tensor/index.ts";
import { checkInterrupt } from "../../data/interrupt.ts";
import type { KnowledgeBase } from "./knowledge-base.ts";

export interface MemoriserOptions {
  hidden: number;
  /** Passes over the facts: each fact is seen this many times. */
  exposures: number;
  lr?: number;
  batch?: number;
  dtype?: Dtype;
  seed?: number;
}

export interface Memoriser {
  model: MLP;
  /** Trainable parameters (weights and biases). */
  params: number;
}

/** Trainable parameters (weights and biases) of an MLP. */
export function parameterCount(model: MLP): number {
  return model.parameters().reduce((s, p) => s + p.size, 0);
}

/**
 * Trains an MLP codeDim → `hidden` → one softmax head per attribute on every fact `exposures`
 * times (shuffled batches of 32, Adam at lr 0.03 with cosine decay, f32, seed 1 by default).
 */
export function trainMemoriser(facts: KnowledgeBase, options: MemoriserOptions): Memoriser {
  const { hidden, exposures, lr = 0.03, batch = 32, dtype = "f32", seed = 1 } = options;
  const { keys, attributes: K, values: V, codeDim: d } = facts;
  const model = new MLP([d, hidden, K * V], makeRng(seed), { dtype });
  const stepsPerPass = Math.ceil(keys / batch);
  const total = exposures * stepsPerPass;
  const opt = new Adam(model.parameters(), {
    lr: (t) => lr * 0.5 * (1 + Math.cos((Math.PI * t) / total)),
  });
  const random = makeRng(seed + 1);
  const order = Int32Array.from({ length: keys }, (_, i) => i);
  for (let pass = 0; pass < exposures; pass++) {
    checkInterrupt();
    for (let i = keys - 1; i > 0; i--) {
      const j = random.int(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let start = 0; start < keys; start += batch) {
      const rows = order.subarray(start, Math.min(start + batch, keys));
      const x = new Float32Array(rows.length * d);
      const y = new Int32Array(rows.length * K);
      rows.forEach((k, i) => {
        x.set(facts.codes.subarray(k * d, (k + 1) * d), i * d);
        y.set(facts.labels.subarray(k * K, (k + 1) * K), i * K);
      });
      opt.zeroGrad();
      const logits = model.forward(tensor(x, [rows.length, d], { dtype }));
      crossEntropy(logits.reshape([rows.length * K, V]), y).backward();
      opt.step();
    }
  }
  return { model, params: parameterCount(model) };
}

/** Per-fact bits stored, log₂ V − cross-entropy in bits, in (key, attribute) order. */
export function bitsPerFact(model: MLP, facts: KnowledgeBase): Float64Array {
  const { keys, attributes: K, values: V, codeDim: d } = facts;
  const dtype = model.layers[0]!.weight.dtype;
  return noGrad(() => {
    const logits = model.forward(tensor(facts.codes, [keys, d], { dtype }));
    const ce = crossEntropy(logits.reshape([keys * K, V]), facts.labels, { reduction: "none" });
    return Float64Array.from(ce.data, (nats) => Math.log2(V) - nats / Math.LN2);
  });
}

/** Total bits stored: the sum of `bitsPerFact`. */
export function bitsStored(model: MLP, facts: KnowledgeBase): number {
  return bitsPerFact(model, facts).reduce((s, b) => s + b, 0);
}
