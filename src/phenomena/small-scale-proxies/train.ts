// One training run of the small-scale proxy (Wortsman et al. 2023): a one-layer, attention-only
// pre-LN decoder from the tensor engine (optionally with qk-layernorm and z-loss) learns the
// noisy copy task with AdamW, linear warmup then cosine decay, and gradient clipping at norm 1,
// as in the paper's recipe. It records what the paper watches: the final loss, the largest
// attention logit and the output log-partition log Z, at the end and along the way.
import { checkInterrupt } from "../../data/interrupt.ts";
import {
  AdamW,
  clipGradNorm,
  cosineLr,
  crossEntropy,
  gather,
  makeRng,
  noGrad,
  Transformer,
  type Tensor,
} from "../../tensor/index.ts";
import { ProxyError } from "./errors.ts";
import { copyBatch, type CopyBatch, type CopyTaskOptions } from "./task.ts";

export type ProxyVariant = "baseline" | "qk-layernorm" | "qk-layernorm + z-loss";

export interface ProxyRunOptions {
  /** Peak learning rate. */
  lr: number;
  variant?: ProxyVariant;
  /** Seed of the initialisation and of the training batches. */
  seed?: number;
  dModel?: number;
  heads?: number;
  vocab?: number;
  /** Tokens that occur (default: all of the vocabulary). */
  used?: number;
  half?: number;
  pCopy?: number;
  steps?: number;
  batch?: number;
  warmup?: number;
  /** z-loss coefficient of the "+ z-loss" variant. */
  zLoss?: number;
  /** Weight decay per step at the peak rate, independent of the rate (the paper's 1e-4). */
  weightDecay?: number;
  /** Record the training loss, max logit and log Z every this many steps. */
  every?: number;
  /** Keep the final held-out logits at the loss positions (for precision studies). */
  keepLogits?: boolean;
}

export interface ProxyPoint {
  step: number;
  loss: number;
  maxLogit: number;
  logZ: number;
}

/** What a forward pass over the held-out batch shows. */
export interface ProxyEval {
  /** Mean cross-entropy at the loss positions (no z-loss). */
  loss: number;
  maxLogit: number;
  /** Mean log Σ exp(logits) and mean logit at the loss positions. */
  logZ: number;
  meanLogit: number;
}

export interface ProxyRun {
  lr: number;
  variant: ProxyVariant;
  seed: number;
  dModel: number;
  initial: ProxyEval;
  final: ProxyEval;
  /** A non-finite loss stopped the run (its final loss is then NaN). */
  diverged: boolean;
  history: ProxyPoint[];
  /** Largest |gain| of the qk-layernorms at the end (NaN without qk-layernorm). */
  qGain: number;
  kGain: number;
  /** d_head: qk-layernorm bounds every logit by qGain·kGain·√d_head. */
  dHead: number;
  logits?: Tensor;
}

/** The held-out batch every run is measured on (fixed, independent of the run's seed). */
export const EVAL_SEED = 1234;
/** Sequences in the fixed held-out batch every proxy run is measured on. */
export const EVAL_SEQUENCES = 256;

const defaults = {
  variant: "baseline" as ProxyVariant,
  seed: 1,
  dModel: 64,
  heads: 1,
  vocab: 32,
  half: 12,
  pCopy: 0.7,
  steps: 200,
  batch: 32,
  warmup: 30,
  zLoss: 1e-4,
  weightDecay: 1e-4,
  every: 5,
  keepLogits: false,
};

/** Statistics of logits [N, V]: mean log Z and mean logit, in f64. */
function logitStats(logits: Tensor): { logZ: number; meanLogit: number } {
  const [N, V] = logits.shape as [number, number];
  const x = logits.data;
  let lz = 0;
  let mean = 0;
  for (let i = 0; i < N; i++) {
    let m = -Infinity;
    for (let k = 0; k < V; k++) m = Math.max(m, x[i * V + k]!);
    let s = 0;
    for (let k = 0; k < V; k++) {
      s += Math.exp(x[i * V + k]! - m);
      mean += x[i * V + k]!;
    }
    lz += m + Math.log(s);
  }
  return { logZ: lz / N, meanLogit: mean / (N * V) };
}

function maxAbsGain(t: Tensor | undefined): number {
  if (t === undefined) return Number.NaN;
  let m = 0;
  for (const g of t.data) m = Math.max(m, Math.abs(g));
  return m;
}

/** Train one model; pure in its options (same options, same numbers). */
export function trainProxy(options: ProxyRunOptions): ProxyRun {
  const o = { ...defaults, ...options };
  if (!(o.lr > 0)) throw new ProxyError("trainProxy", `lr ${o.lr}`, "a positive learning rate");
  const task: CopyTaskOptions = { vocab: o.vocab, used: o.used, half: o.half, pCopy: o.pCopy };
  const qkNorm = o.variant !== "baseline";
  const z = o.variant === "qk-layernorm + z-loss" ? o.zLoss : 0;
  const model = new Transformer(
    {
      vocab: o.vocab,
      seqLen: 2 * o.half - 1,
      dModel: o.dModel,
      heads: o.heads,
      layers: 1,
      mlp: false,
      bias: false,
      qkNorm,
      causal: true,
    },
    makeRng(o.seed),
  );
  const attn = model.blocks[0]!.attn;
  const params = model.parameters();
  // AdamW decays by lr_t·λ per step: λ = weightDecay/lr makes it weightDecay at the peak rate
  // and independent of the rate, as the paper's "independent" decay.
  const opt = new AdamW(params, {
    lr: cosineLr({ lr: o.lr, steps: o.steps, warmup: o.warmup, minLr: o.lr / 100 }),
    betas: [0.9, 0.95],
    eps: 1e-8,
    weightDecay: o.weightDecay / o.lr,
  });
  const forward = (b: CopyBatch): Tensor => {
    const logits = model.forward(b.tokens, b.batch);
    return gather(logits.reshape([b.batch * b.seqLen, o.vocab]), b.positions);
  };
  const held = copyBatch(task, EVAL_SEQUENCES, makeRng(EVAL_SEED));
  let heldLogits: Tensor | undefined;
  const evaluate = (): ProxyEval =>
    noGrad(() => {
      const logits = forward(held);
      heldLogits = logits;
      const loss = crossEntropy(logits, held.targets).item();
      return { loss, maxLogit: attn.maxLogit, ...logitStats(logits) };
    });
  const initial = evaluate();
  const history: ProxyPoint[] = [];
  const stream = makeRng(o.seed + 1_000_003);
  let diverged = false;
  for (let step = 1; step <= o.steps; step++) {
    checkInterrupt();
    const b = copyBatch(task, o.batch, stream);
    opt.zeroGrad();
    const logits = forward(b);
    const loss = crossEntropy(logits, b.targets, { zLoss: z });
    if (!Number.isFinite(loss.item())) {
      diverged = true;
      break;
    }
    if (step === 1 || step % o.every === 0)
      history.push({ step, loss: loss.item(), maxLogit: attn.maxLogit, ...logitStats(logits) });
    loss.backward();
    clipGradNorm(params, 1);
    opt.step();
  }
  const final = diverged
    ? { loss: Number.NaN, maxLogit: Number.NaN, logZ: Number.NaN, meanLogit: Number.NaN }
    : evaluate();
  return {
    lr: o.lr,
    variant: o.variant,
    seed: o.seed,
    dModel: o.dModel,
    initial,
    final,
    diverged,
    history,
    qGain: maxAbsGain(attn.qNorm?.gamma),
    kGain: maxAbsGain(attn.kNorm?.gamma),
    dHead: o.dModel / o.heads,
    ...(o.keepLogits && !diverged ? { logits: heldLogits } : {}),
  };
}
