// Cross-entropy from logits: −log p(target), with p from softmax (the standard) or StableMax
// (Prieto et al. 2025). Per-sample losses (`reduction: "none"`) expose the share of samples
// whose loss is exactly 0 — the signature of Softmax Collapse. The softmax case is one fused
// op (PyTorch's log_softmax + nll_loss with the same per-op rounding: x − max, exp, the
// float32-accumulated sum, its log, each rounded to the dtype); its backward is
// (softmax − onehot)·g with softmax = exp(x − max)/Σ rounded to the dtype, kept from the
// forward pass (a collapsed row has Σ = 1 exactly, so its gradient is exactly 0 as in PyTorch).
// z-loss (PaLM, Chowdhery et al. 2022 §5; Wortsman et al. 2023 §3.2) adds z·(log Z)² per sample,
// Z = Σ exp(x): it pulls log Z to 0; its gradient 2z·log Z·softmax joins the same fused backward.
import { allocate, rounder } from "./dtype.ts";
import { TensorError } from "./error.ts";
import { type Indices, pick } from "./gather.ts";
import { logStablemax } from "./stablemax.ts";
import { Tensor } from "./tensor.ts";

export type Reduction = "mean" | "sum" | "none";

export interface CrossEntropyOptions {
  /** Normaliser of the probabilities: "softmax" (default) or "stablemax". */
  kind?: "softmax" | "stablemax";
  reduction?: Reduction;
  /** Coefficient z of the auxiliary z·(log Z)² per sample (softmax only; default 0, PaLM 1e-4). */
  zLoss?: number;
}

/** Negative log-likelihood of log-probabilities [N, C] at integer targets. */
export function nllLoss(logProbs: Tensor, targets: Indices, reduction: Reduction = "mean"): Tensor {
  const losses = pick(logProbs, targets).neg();
  return reduction === "none" ? losses : reduction === "sum" ? losses.sum() : losses.mean();
}

/**
 * Cross-entropy of logits [N, C] at integer `targets` (length N): −log p(target) with p from
 * softmax (default) or StableMax (`kind: "stablemax"`), every step rounded to the logits' dtype.
 * `reduction` "mean" (default), "sum" or "none" (per-sample [N]); `zLoss` adds z·(log Z)² per
 * sample (softmax only). Throws TensorError for a bad shape, a target outside [0, C) or zLoss < 0.
 * @example
 * const logits = tensor([[2, 0, -1], [0.5, 1.5, 0]], { requiresGrad: true });
 * const loss = crossEntropy(logits, [0, 1]);
 * loss.backward();
 */
export function crossEntropy(
  logits: Tensor,
  targets: Indices,
  options: CrossEntropyOptions = {},
): Tensor {
  const reduction = options.reduction ?? "mean";
  const z = options.zLoss ?? 0;
  if (!(z >= 0))
    throw new TensorError("crossEntropy", `zLoss ${z}`, "a coefficient ≥ 0 (PaLM uses 1e-4)");
  if (options.kind === "stablemax") {
    if (z !== 0)
      throw new TensorError("crossEntropy", "zLoss with kind stablemax", "zLoss with softmax");
    return nllLoss(logStablemax(logits, -1), targets, reduction);
  }
  const losses = softmaxCrossEntropy(logits, targets, z);
  return reduction === "none" ? losses : reduction === "sum" ? losses.sum() : losses.mean();
}

/** Per-sample −log softmax(x)[target] (+ zLoss·(log Z)²) for logits [N, C], fused. */
export function softmaxCrossEntropy(logits: Tensor, targets: Indices, zLoss = 0): Tensor {
  if (logits.rank !== 2)
    throw new TensorError("crossEntropy", `logits of shape [${logits.shape}]`, "[N, C]");
  const [N, C] = logits.shape as [number, number];
  if (targets.length !== N)
    throw new TensorError(
      "crossEntropy",
      `${targets.length} targets for ${N} rows`,
      `${N} targets`,
    );
  const dtype = logits.dtype;
  const r = rounder(dtype);
  const f64 = dtype === "f64";
  const x = logits.data;
  const out = allocate(dtype, N);
  const probs = allocate(dtype, N * C); // exp(x − max), then divided by the row sum
  const logZ = zLoss === 0 ? null : new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const t = targets[i]!;
    if (!(t >= 0 && t < C))
      throw new TensorError("crossEntropy", `target ${t} at row ${i}`, `0 ≤ target < ${C}`);
    const base = i * C;
    let m = -Infinity;
    for (let k = 0; k < C; k++) if (x[base + k]! > m) m = x[base + k]!;
    let s = 0;
    if (f64)
      for (let k = 0; k < C; k++) {
        const e = Math.exp(x[base + k]! - m);
        probs[base + k] = e;
        s += e;
      }
    else
      for (let k = 0; k < C; k++) {
        const e = r(Math.exp(r(x[base + k]! - m)));
        probs[base + k] = e;
        s = Math.fround(s + e);
      }
    s = r(s);
    for (let k = 0; k < C; k++) probs[base + k] = r(probs[base + k]! / s);
    const logS = r(Math.log(s));
    out[i] = -r(r(x[base + t]! - m) - logS);
    if (logZ) {
      logZ[i] = m + logS;
      out[i] = r(out[i]! + zLoss * logZ[i]! * logZ[i]!);
    }
  }
  const res = Tensor.fromOp(out, [N], dtype, "crossEntropy", [logits]);
  if (res.requiresGrad)
    res.backwardFn = (g) => {
      const gx = allocate(dtype, logits.size);
      for (let i = 0; i < N; i++) {
        const base = i * C;
        const gi = g[i]!;
        if (gi === 0) continue;
        // d/dx_k of CE is p_k − [k = t]; of z·(log Z)² it is 2z·log Z·p_k
        const gp = logZ ? gi * (1 + 2 * zLoss * logZ[i]!) : gi;
        for (let k = 0; k < C; k++) gx[base + k] = r(probs[base + k]! * gp);
        const t = base + targets[i]!;
        gx[t] = r(gx[t]! - gi);
      }
      logits.accumulateGrad(gx, true);
    };
  return res;
}

/** Mean squared error (the teacher–student regression loss), composed from primitive ops. */
export function mseLoss(prediction: Tensor, target: Tensor, reduction: Reduction = "mean"): Tensor {
  const d = prediction.sub(target);
  const sq = d.mul(d);
  return reduction === "none" ? sq : reduction === "sum" ? sq.sum() : sq.mean();
}
