// A small pre-LayerNorm transformer (Vaswani et al. 2017; pre-LN as in GPT-2): multi-head
// self-attention with an optional causal mask, a GELU MLP, residual connections; and a
// decoder-only model (token + learned position embeddings, blocks, final LN, unembedding),
// enough for the one-layer transformer of the grokking papers. Options for the stability
// studies of Wortsman et al. 2023: qk-layernorm, bias-free projections, attention-only blocks.
import { full } from "../creation.ts";
import type { Dtype } from "../dtype.ts";
import { TensorError } from "../error.ts";
import type { Indices } from "../gather.ts";
import type { RandomSource } from "../rng.ts";
import type { Tensor } from "../tensor.ts";
import { Embedding } from "./embedding.ts";
import { LayerNorm } from "./layernorm.ts";
import { Linear } from "./linear.ts";
import { Module } from "./module.ts";

export interface AttentionOptions {
  dModel: number;
  heads: number;
  causal?: boolean;
  dtype?: Dtype;
  /** Biases in the q, k, v, o projections (default true). */
  bias?: boolean;
  /**
   * qk-layernorm (Dehghani et al. 2023; Wortsman et al. 2023 §3.1): LayerNorm with a learnable
   * gain (no bias) over each head's queries and keys before their product, so a logit is at
   * most max|γ_q|·max|γ_k|·√d_head.
   */
  qkNorm?: boolean;
}

/**
 * Multi-head self-attention [B, T, d] → [B, T, d] with q, k, v, o projections, causal by default,
 * optional qk-layernorm; records the largest visible attention logit in `maxLogit`. Throws
 * TensorError when dModel is not divisible by heads.
 */
export class SelfAttention extends Module {
  readonly q: Linear;
  readonly k: Linear;
  readonly v: Linear;
  readonly o: Linear;
  readonly qNorm: LayerNorm | null;
  readonly kNorm: LayerNorm | null;
  readonly heads: number;
  readonly causal: boolean;
  /** Largest |q·k|/√d_head over the pairs the mask lets through, in the last forward pass. */
  maxLogit = Number.NaN;

  constructor(
    readonly options: AttentionOptions,
    rng: RandomSource,
  ) {
    super();
    const { dModel: d, dtype, bias } = options;
    this.heads = options.heads;
    if (!Number.isInteger(d / this.heads))
      throw new TensorError(
        "SelfAttention",
        `dModel ${d} with ${this.heads} heads`,
        "dModel divisible by heads",
      );
    this.causal = options.causal ?? true;
    this.q = this.child("q", new Linear(d, d, rng, { dtype, bias }));
    this.k = this.child("k", new Linear(d, d, rng, { dtype, bias }));
    this.v = this.child("v", new Linear(d, d, rng, { dtype, bias }));
    this.o = this.child("o", new Linear(d, d, rng, { dtype, bias }));
    const dh = d / this.heads;
    const qk = options.qkNorm === true;
    this.qNorm = qk ? this.child("qNorm", new LayerNorm(dh, { dtype, bias: false })) : null;
    this.kNorm = qk ? this.child("kNorm", new LayerNorm(dh, { dtype, bias: false })) : null;
  }

  /** x: [B, T, d] → [B, T, d]. */
  forward(x: Tensor): Tensor {
    const [B, T, d] = x.shape as [number, number, number];
    const H = this.heads;
    const dh = d / H;
    const split = (t: Tensor): Tensor => t.reshape([B, T, H, dh]).permute([0, 2, 1, 3]); // [B, H, T, dh]
    let q = split(this.q.forward(x));
    let k = split(this.k.forward(x));
    const v = split(this.v.forward(x));
    if (this.qNorm && this.kNorm) [q, k] = [this.qNorm.forward(q), this.kNorm.forward(k)];
    let scores = q.matmul(k.transpose(-2, -1)).mul(1 / Math.sqrt(dh)); // [B, H, T, T]
    this.maxLogit = largestVisible(scores, this.causal);
    if (this.causal) scores = scores.add(causalMask(T, x.dtype));
    const mixed = scores.softmax(-1).matmul(v); // [B, H, T, dh]
    return this.o.forward(mixed.permute([0, 2, 1, 3]).reshape([B, T, d]));
  }
}

/** max |s| over score matrices [..., T, T], only on and below the diagonal when causal. */
function largestVisible(scores: Tensor, causal: boolean): number {
  const T = scores.shape[scores.rank - 1]!;
  const s = scores.data;
  let best = 0;
  for (let base = 0; base < s.length; base += T * T)
    for (let i = 0; i < T; i++)
      for (let j = 0, end = causal ? i + 1 : T; j < end; j++) {
        const a = Math.abs(s[base + i * T + j]!);
        if (!(a <= best)) best = a; // NaN propagates
      }
  return best;
}

/** [T, T] with 0 on and below the diagonal, −∞ above (position t sees positions ≤ t). */
export function causalMask(T: number, dtype: Dtype): Tensor {
  const m = full([T, T], 0, { dtype });
  for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) m.data[i * T + j] = -Infinity;
  return m;
}

export interface BlockOptions extends AttentionOptions {
  dMlp?: number;
  /** The GELU MLP after attention (default true); false: an attention-only block. */
  mlp?: boolean;
}

/**
 * Pre-LayerNorm transformer block: x + attn(ln1(x)), then + down(gelu(up(ln2(h)))) with a hidden
 * size of dMlp (default 4·dModel); `mlp: false` gives an attention-only block.
 */
export class TransformerBlock extends Module {
  readonly ln1: LayerNorm;
  readonly attn: SelfAttention;
  readonly ln2: LayerNorm | null = null;
  readonly up: Linear | null = null;
  readonly down: Linear | null = null;

  constructor(options: BlockOptions, rng: RandomSource) {
    super();
    const { dModel: d, dtype, bias } = options;
    this.ln1 = this.child("ln1", new LayerNorm(d, { dtype }));
    this.attn = this.child("attn", new SelfAttention(options, rng));
    if (options.mlp === false) return;
    this.ln2 = this.child("ln2", new LayerNorm(d, { dtype }));
    this.up = this.child("up", new Linear(d, options.dMlp ?? 4 * d, rng, { dtype, bias }));
    this.down = this.child("down", new Linear(options.dMlp ?? 4 * d, d, rng, { dtype, bias }));
  }

  forward(x: Tensor): Tensor {
    const h = x.add(this.attn.forward(this.ln1.forward(x)));
    if (!this.ln2 || !this.up || !this.down) return h;
    return h.add(this.down.forward(this.up.forward(this.ln2.forward(h)).gelu()));
  }
}

export interface TransformerOptions extends BlockOptions {
  vocab: number;
  seqLen: number;
  layers?: number;
}

/**
 * Decoder-only transformer: token and learned position embeddings (std 1/√dModel), `layers`
 * (default 1) pre-LN blocks, a final LayerNorm and a bias-free unembedding. `forward(tokens, B)`
 * takes B·T indices in row-major [B, T] order and returns logits [B, T, vocab].
 * @example
 * const model = new Transformer({ vocab: 10, seqLen: 4, dModel: 16, heads: 2 }, makeRng(1));
 * const logits = model.forward([1, 2, 3, 4, 5, 6, 7, 8], 2); // [2, 4, 10]
 */
export class Transformer extends Module {
  readonly embed: Embedding;
  readonly pos: Embedding;
  readonly blocks: TransformerBlock[];
  readonly lnFinal: LayerNorm;
  readonly unembed: Linear;

  constructor(
    readonly options: TransformerOptions,
    rng: RandomSource,
  ) {
    super();
    const { dModel: d, dtype } = options;
    this.embed = this.child(
      "embed",
      new Embedding(options.vocab, d, rng, { dtype, std: 1 / Math.sqrt(d) }),
    );
    this.pos = this.child(
      "pos",
      new Embedding(options.seqLen, d, rng, { dtype, std: 1 / Math.sqrt(d) }),
    );
    this.blocks = Array.from({ length: options.layers ?? 1 }, (_, i) =>
      this.child(`blocks.${i}`, new TransformerBlock(options, rng)),
    );
    this.lnFinal = this.child("lnFinal", new LayerNorm(d, { dtype }));
    this.unembed = this.child("unembed", new Linear(d, options.vocab, rng, { dtype, bias: false }));
  }

  /** tokens: B·T indices, row-major [B, T] → logits [B, T, vocab]. */
  forward(tokens: Indices, batch: number): Tensor {
    const T = tokens.length / batch;
    const positions = Int32Array.from({ length: tokens.length }, (_, i) => i % T);
    let h = this.embed.forward(tokens, [batch, T]).add(this.pos.forward(positions, [batch, T]));
    for (const block of this.blocks) h = block.forward(h);
    return this.unembed.forward(this.lnFinal.forward(h));
  }
}
