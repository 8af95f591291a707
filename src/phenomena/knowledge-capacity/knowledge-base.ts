// Synthetic random facts for the knowledge-capacity toy (Allen-Zhu & Li 2024): every key has
// `attributes` attributes, each drawn uniformly from `values` choices, so the data hold exactly
// keys · attributes · log₂ values bits. A key is presented as a fixed random ±1 code (a frozen
// "name"), so everything the model knows about it must sit in its trained weights.
import { makeRng } from "../../tensor/index.ts";
import { KnowledgeCapacityError } from "./errors.ts";

export interface KnowledgeBaseOptions {
  keys: number;
  attributes?: number;
  values?: number;
  /** Length of each key's ±1 code. */
  codeDim?: number;
  seed?: number;
}

export interface KnowledgeBase {
  keys: number;
  attributes: number;
  values: number;
  codeDim: number;
  /** keys × codeDim, row-major, entries ±1. */
  codes: Float32Array;
  /** keys × attributes, row-major: the value index of each (key, attribute). */
  labels: Int32Array;
  /** Information in the data: keys · attributes · log₂ values. */
  bits: number;
}

/**
 * Random facts (Allen-Zhu & Li 2024): `keys` keys × `attributes` (4) attributes, each uniform over
 * `values` (8) choices, every key shown as a fixed random ±1 code of `codeDim` (32); `bits` =
 * keys·attributes·log₂ values. Seed default 1. Throws KnowledgeCapacityError for a non-positive-integer size.
 */
export function makeKnowledgeBase(options: KnowledgeBaseOptions): KnowledgeBase {
  const { keys, attributes = 4, values = 8, codeDim = 32, seed = 1 } = options;
  for (const [name, v] of Object.entries({ keys, attributes, values, codeDim }))
    if (!(Number.isInteger(v) && v >= 1))
      throw new KnowledgeCapacityError("makeKnowledgeBase", `${name} = ${v}`, "a positive integer");
  const random = makeRng(seed);
  const codes = new Float32Array(keys * codeDim);
  for (let i = 0; i < codes.length; i++) codes[i] = random.uniform() < 0.5 ? -1 : 1;
  const labels = new Int32Array(keys * attributes);
  for (let i = 0; i < labels.length; i++) labels[i] = random.int(values);
  return {
    keys,
    attributes,
    values,
    codeDim,
    codes,
    labels,
    bits: keys * attributes * Math.log2(values),
  };
}
