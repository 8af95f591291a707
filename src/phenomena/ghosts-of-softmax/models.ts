// The classifiers of the ghosts notebook, f64 on the tensor engine with PyTorch's default
// initialisation: a linear softmax model, a tanh MLP 64 → 128 → 10, and the two architectures of
// Sao 2026's spike test (their released code): an MLP with LayerNorm (three 64-wide
// Linear → LayerNorm → GELU blocks) and a one-token transformer block of width 32.
import { LayerNorm, Linear, MLP, Module, makeRng, type Tensor } from "../../tensor/index.ts";

export interface Classifier {
  readonly name: string;
  readonly params: Tensor[];
  forward(x: Tensor): Tensor;
}

const f64 = { dtype: "f64" as const };

/** A linear softmax classifier d → classes (f64, PyTorch init, seeded) as a {@link Classifier}. */
export function linearClassifier(d: number, classes: number, seed: number): Classifier {
  const layer = new Linear(d, classes, makeRng(seed), f64);
  return { name: "linear", params: layer.parameters(), forward: (x) => layer.forward(x) };
}

/** A tanh MLP classifier with layer widths `sizes` (f64, PyTorch init, seeded), e.g. [64, 128, 10]. */
export function tanhClassifier(sizes: readonly number[], seed: number): Classifier {
  const mlp = new MLP(sizes, makeRng(seed), { ...f64, activation: "tanh" });
  return { name: "tanh MLP", params: mlp.parameters(), forward: (x) => mlp.forward(x) };
}

class MlpLn extends Module {
  readonly blocks: [Linear, LayerNorm][];
  readonly head: Linear;
  constructor(d: number, width: number, classes: number, seed: number) {
    super();
    const rng = makeRng(seed);
    this.blocks = [0, 1, 2].map((i) => [
      this.child(`fc${i}`, new Linear(i === 0 ? d : width, width, rng, f64)),
      this.child(`norm${i}`, new LayerNorm(width, f64)),
    ]);
    this.head = this.child("head", new Linear(width, classes, rng, f64));
  }
  forward(x: Tensor): Tensor {
    let h = x;
    for (const [fc, norm] of this.blocks) h = norm.forward(fc.forward(h)).gelu();
    return this.head.forward(h);
  }
}

/**
 * One pre-LN transformer block on a single token: with one key the attention weights are
 * exactly 1, so attention returns the value projection (as in the authors' model, which feeds
 * each 64-pixel image as one token).
 */
class OneTokenTransformer extends Module {
  readonly embed: Linear;
  readonly norm1: LayerNorm;
  readonly value: Linear;
  readonly out: Linear;
  readonly norm2: LayerNorm;
  readonly ffn1: Linear;
  readonly ffn2: Linear;
  readonly head: Linear;
  constructor(d: number, width: number, classes: number, seed: number) {
    super();
    const rng = makeRng(seed);
    this.embed = this.child("embed", new Linear(d, width, rng, f64));
    this.norm1 = this.child("norm1", new LayerNorm(width, f64));
    this.value = this.child("value", new Linear(width, width, rng, f64));
    this.out = this.child("out", new Linear(width, width, rng, f64));
    this.norm2 = this.child("norm2", new LayerNorm(width, f64));
    this.ffn1 = this.child("ffn1", new Linear(width, 4 * width, rng, f64));
    this.ffn2 = this.child("ffn2", new Linear(4 * width, width, rng, f64));
    this.head = this.child("head", new Linear(width, classes, rng, f64));
  }
  forward(x: Tensor): Tensor {
    let h = this.embed.forward(x);
    h = h.add(this.out.forward(this.value.forward(this.norm1.forward(h))));
    h = h.add(this.ffn2.forward(this.ffn1.forward(this.norm2.forward(h)).gelu()));
    return this.head.forward(h);
  }
}

/** Sao 2026's MLP with LayerNorm: three 64-wide Linear → LayerNorm → GELU blocks and a linear head (f64, seeded). */
export function mlpLnClassifier(d: number, classes: number, seed: number): Classifier {
  const m = new MlpLn(d, 64, classes, seed);
  return { name: "MLP+LN", params: m.parameters(), forward: (x) => m.forward(x) };
}

/** Sao 2026's one-token transformer block of width 32 with a linear head, as a classifier of d inputs (f64, seeded). */
export function transformerClassifier(d: number, classes: number, seed: number): Classifier {
  const m = new OneTokenTransformer(d, 32, classes, seed);
  return { name: "Transformer", params: m.parameters(), forward: (x) => m.forward(x) };
}
