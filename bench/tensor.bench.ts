// Tensor engine speed: matmul GFLOP/s (256³ and (4096×200)·(200×113), f32 and f64), one
// full training step (forward, backward, Adam) of the MLP 194 → 200 (ReLU) → 97 on a full
// batch of 3,763 one-hot pairs, one step of a one-layer transformer (1,024 sequences), one step
// of the small-scale-proxies attention model (baseline and qk-layernorm), and
// rounding 2^20 values into f16 and bf16 — each beside numpy's figure for the same shapes where
// numpy has one, measured in the same run when python3 with numpy is available. JSON lines to
// stdout, a table to stderr.
import { spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import {
  Adam,
  AdamW,
  clipGradNorm,
  crossEntropy,
  gather,
  Transformer,
  makeRng,
  matmul,
  MLP,
  multiHot,
  randn,
  shutdownKernels,
  kernelInfo,
  E2M1,
  E4M3,
  E5M2,
  E2M3,
  E3M2,
  mxBlocks,
  nvfp4Blocks,
  nvfp4Tiles,
  quantFormat,
  quantizeArray,
  quantizeMatrix,
  type Dtype,
  type QuantFormat,
} from "../src/tensor/index.ts";
import { copyBatch } from "../src/phenomena/small-scale-proxies/index.ts";

interface Row {
  bench: "tensor";
  case: string;
  dtype: Dtype | string;
  metric: "median" | "best";
  value: number;
  unit: string;
  baseline?: "numpy";
  baseline_value?: number;
  ratio?: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median and best wall time of `repeats` runs (best ≈ the unloaded figure on a busy machine). */
function timeMs(fn: () => void, repeats: number, warmup = 2): { median: number; best: number } {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return { median: median(times), best: Math.min(...times) };
}

const NUMPY = String.raw`
import json, time, sys
import numpy as np
def med(f, r, w=2):
    for _ in range(w): f()
    ts = []
    for _ in range(r):
        t0 = time.perf_counter(); f(); ts.append((time.perf_counter() - t0) * 1000)
    return [sorted(ts)[len(ts) // 2], min(ts)]
out = {}
rng = np.random.default_rng(0)
for name, (m, k, n) in {"matmul-256": (256, 256, 256), "matmul-4096x200x113": (4096, 200, 113)}.items():
    for dt, npdt in (("f32", np.float32), ("f64", np.float64)):
        a = rng.standard_normal((m, k)).astype(npdt); b = rng.standard_normal((k, n)).astype(npdt)
        out[name + ":" + dt] = [2 * m * k * n / (t * 1e6) for t in med(lambda: a @ b, 20)]
P, H, N = 97, 200, 3763
f = np.float32
A = rng.integers(0, P, N); B = rng.integers(0, P, N); Y = (A + B) % P
W = [rng.uniform(-1, 1, (2 * P, H)).astype(f) / np.sqrt(2 * P), rng.uniform(-1, 1, (H, P)).astype(f) / np.sqrt(H)]
m = [np.zeros_like(w) for w in W]; v = [np.zeros_like(w) for w in W]; t = [0]
def step():
    t[0] += 1
    h1p = W[0][A] + W[0][P + B]; h1 = np.maximum(h1p, 0); z = h1 @ W[1]
    zm = z - z.max(1, keepdims=True); lp = zm - np.log(np.exp(zm).sum(1, keepdims=True))
    d = np.exp(lp); d[np.arange(N), Y] -= 1; d /= N
    g1 = h1.T @ d; dh = (d @ W[1].T) * (h1p > 0)
    g0 = np.zeros_like(W[0]); np.add.at(g0, A, dh); np.add.at(g0, P + B, dh)
    for i, g in enumerate((g0, g1)):
        m[i] = 0.9 * m[i] + 0.1 * g; v[i] = 0.999 * v[i] + 0.001 * g * g
        W[i] -= f(1e-3) * (m[i] / (1 - 0.9 ** t[0])) / (np.sqrt(v[i] / (1 - 0.999 ** t[0])) + f(1e-8))
out["mlp-step:f32"] = med(step, 20)
x = rng.standard_normal(1 << 20).astype(np.float32)
out["cast-1M:f16"] = med(lambda: x.astype(np.float16), 20)
def ln_f(x):
    mu = x.mean(-1, keepdims=True); xc = x - mu
    rs = 1.0 / np.sqrt((xc * xc).mean(-1, keepdims=True) + 1e-5)
    return xc * rs, rs
def ln_b(dy, y, rs):
    return rs * (dy - dy.mean(-1, keepdims=True) - y * (dy * y).mean(-1, keepdims=True))
# The small-scale-proxies model as the wave-2 numpy reference writes it (tiny_attn.py): one head,
# d = 64, pre-LN without gains, learned positions, hand-written backward, clip at 1, Adam.
Bp, Hh, V, d = 32, 12, 32, 64
T = 2 * Hh - 1
def make_proxy(qkln):
    r = np.random.default_rng(1)
    shapes = {"E": (V, d), "P": (T, d), "Wq": (d, d), "Wk": (d, d), "Wv": (d, d), "Wo": (d, d), "Wu": (d, V)}
    p = {k: (r.standard_normal(s) / np.sqrt(d)).astype(f) for k, s in shapes.items()}
    m = {k: np.zeros_like(w) for k, w in p.items()}; v2 = {k: np.zeros_like(w) for k, w in p.items()}
    t = [0]
    causal = np.triu(np.ones((T, T), bool), 1)
    lm = np.zeros((Bp, T)); lm[:, Hh:] = 1.0; n = lm.sum()
    def step():
        t[0] += 1
        half = r.integers(0, V, (Bp, Hh))
        seq = np.concatenate([half, np.where(r.random((Bp, Hh)) < 0.7, half, r.integers(0, V, (Bp, Hh)))], 1)
        tok = seq[:, :-1]; tg = seq[:, 1:]
        x0 = p["E"][tok] + p["P"][None]
        h, rs0 = ln_f(x0)
        q = h @ p["Wq"]; k = h @ p["Wk"]; v = h @ p["Wv"]
        if qkln:
            qn, rsq = ln_f(q); kn, rsk = ln_f(k)
        else:
            qn, kn = q, k
        s = np.where(causal[None], -1e30, np.matmul(qn, kn.transpose(0, 2, 1)) / np.sqrt(d))
        a = np.exp(s - s.max(-1, keepdims=True)); a /= a.sum(-1, keepdims=True)
        o = np.matmul(a, v)
        hf, rsf = ln_f(x0 + o @ p["Wo"])
        lg = hf @ p["Wu"]
        ex = np.exp(lg - lg.max(-1, keepdims=True)); pr = ex / ex.sum(-1, keepdims=True)
        dlg = pr.copy(); np.put_along_axis(dlg, tg[..., None], np.take_along_axis(dlg, tg[..., None], -1) - 1, -1)
        dlg = dlg * (lm / n)[..., None]
        g = {"Wu": hf.reshape(-1, d).T @ dlg.reshape(-1, V)}
        dx1 = ln_b(dlg @ p["Wu"].T, hf, rsf)
        g["Wo"] = o.reshape(-1, d).T @ dx1.reshape(-1, d)
        do = dx1 @ p["Wo"].T
        da = np.matmul(do, v.transpose(0, 2, 1)); dv = np.matmul(a.transpose(0, 2, 1), do)
        ds = a * (da - (da * a).sum(-1, keepdims=True)) / np.sqrt(d)
        dqn = np.matmul(ds, kn); dkn = np.matmul(ds.transpose(0, 2, 1), qn)
        dq, dk = (ln_b(dqn, qn, rsq), ln_b(dkn, kn, rsk)) if qkln else (dqn, dkn)
        for name, dd in (("Wq", dq), ("Wk", dk), ("Wv", dv)): g[name] = h.reshape(-1, d).T @ dd.reshape(-1, d)
        dx0 = dx1 + ln_b(dq @ p["Wq"].T + dk @ p["Wk"].T + dv @ p["Wv"].T, h, rs0)
        g["P"] = dx0.sum(0); gE = np.zeros_like(p["E"]); np.add.at(gE, tok, dx0); g["E"] = gE
        c = min(1.0, 1.0 / (np.sqrt(sum(float((gg.astype(np.float64) ** 2).sum()) for gg in g.values())) + 1e-12))
        for kk in p:
            gg = g[kk] * c
            m[kk] = 0.9 * m[kk] + 0.1 * gg; v2[kk] = 0.95 * v2[kk] + 0.05 * gg * gg
            p[kk] = (p[kk] - 1e-3 * (m[kk] / (1 - 0.9 ** t[0])) / (np.sqrt(v2[kk] / (1 - 0.95 ** t[0])) + 1e-8)).astype(f)
    return step
out["proxy-step:f32"] = med(make_proxy(False), 20)
out["proxy-step-qkln:f32"] = med(make_proxy(True), 20)
print(json.dumps(out))
`;

function numpyFigures(): Record<string, [number, number]> {
  const r = spawnSync("python3", ["-c", NUMPY], { encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) {
    process.stderr.write(
      `numpy baseline unavailable: ${(r.stderr || r.error?.message || "").split("\n").slice(-2).join(" ")}\n`,
    );
    return {};
  }
  return JSON.parse(r.stdout) as Record<string, [number, number]>;
}

const rows: Row[] = [];
function report(
  c: string,
  dtype: Row["dtype"],
  metric: Row["metric"],
  value: number,
  unit: string,
  baseline: number | undefined,
  higherIsBetter: boolean,
): void {
  const row: Row = { bench: "tensor", case: c, dtype, metric, value: +value.toPrecision(4), unit };
  if (baseline !== undefined) {
    row.baseline = "numpy";
    row.baseline_value = +baseline.toPrecision(4);
    row.ratio = +(higherIsBetter ? baseline / value : value / baseline).toPrecision(3);
  }
  rows.push(row);
  process.stdout.write(JSON.stringify(row) + "\n");
}

const loadBefore = loadavg()[0]!;
const np = numpyFigures();
const rng = makeRng(0);
// Let the matmul worker thread start before timing (it loads asynchronously).
for (let i = 0; i < 50 && !kernelInfo().includes("worker"); i++)
  await new Promise((r) => setTimeout(r, 100));

for (const [name, [m, k, n]] of [
  ["matmul-256", [256, 256, 256]],
  ["matmul-4096x200x113", [4096, 200, 113]],
] as const)
  for (const dtype of ["f32", "f64"] as const) {
    const a = randn([m, k], rng, { dtype });
    const b = randn([k, n], rng, { dtype });
    const t = timeMs(() => matmul(a, b), 15);
    const gflop = (ms: number): number => (2 * m * k * n) / (ms * 1e6);
    const base = np[`${name}:${dtype}`];
    report(name, dtype, "median", gflop(t.median), "GFLOP/s", base?.[0], true);
    report(name, dtype, "best", gflop(t.best), "GFLOP/s", base?.[1], true);
  }

{
  const P = 97;
  const N = 3763;
  const a = Int32Array.from({ length: N }, () => rng.int(P));
  const b = Int32Array.from({ length: N }, () => rng.int(P));
  const y = a.map((x, i) => (x + b[i]!) % P);
  const x = multiHot(
    a,
    b.map((v) => v + P),
  );
  for (const dtype of ["f32", "f64"] as const) {
    const model = new MLP([2 * P, 200, P], rng, { bias: false, dtype });
    const opt = new Adam(model.parameters(), { lr: 1e-3 });
    const step = (): void => {
      opt.zeroGrad();
      crossEntropy(model.forward(x), y).backward();
      opt.step();
    };
    const t = timeMs(step, 15, 3);
    const base = dtype === "f32" ? np["mlp-step:f32"] : undefined;
    report("mlp-step", dtype, "median", t.median, "ms", base?.[0], false);
    report("mlp-step", dtype, "best", t.best, "ms", base?.[1], false);
  }
}

// One training step of the one-layer transformer of the grokking papers (d = 128, 4 heads, MLP
// 512, pre-LN, causal): "a b =" sequences mod 113, loss on the last position, AdamW. No numpy
// baseline (numpy has no autodiff); the figure tracks the block's own ops (layer norm, GELU,
// attention's small batched products).
{
  const P = 113;
  const B = 1024;
  const T = 3;
  const tokens = new Int32Array(B * T);
  const y = new Int32Array(B);
  for (let i = 0; i < B; i++) {
    const [a, b] = [rng.int(P), rng.int(P)];
    tokens.set([a, b, P], i * T);
    y[i] = (a + b) % P;
  }
  const last = Int32Array.from({ length: B }, (_, i) => i * T + T - 1);
  const model = new Transformer(
    { vocab: P + 1, seqLen: T, dModel: 128, heads: 4, dMlp: 512, causal: true },
    rng,
  );
  const opt = new AdamW(model.parameters(), { lr: 1e-3, weightDecay: 1 });
  const step = (): void => {
    opt.zeroGrad();
    const logits = model.forward(tokens, B).reshape([B * T, P + 1]);
    crossEntropy(gather(logits, last), y).backward();
    opt.step();
  };
  const t = timeMs(step, 7, 2);
  report("transformer-step", "f32", "median", t.median, "ms", undefined, false);
  report("transformer-step", "f32", "best", t.best, "ms", undefined, false);
}

// One training step of the small-scale-proxies model (Wortsman et al. 2023): one head, d = 64,
// attention only, no biases, 32 noisy-copy sequences of 23 tokens, vocabulary 32, clip at 1,
// AdamW — beside the numpy reference's step (hand-written backward, same shapes, no LayerNorm
// gains; with qk-layernorm, ours has learnable gains and the reference none).
for (const qkNorm of [false, true]) {
  const task = { vocab: 32, half: 12, pCopy: 0.7 };
  const model = new Transformer(
    { vocab: 32, seqLen: 23, dModel: 64, heads: 1, layers: 1, mlp: false, bias: false, qkNorm },
    rng,
  );
  const params = model.parameters();
  const opt = new AdamW(params, { lr: 1e-3, betas: [0.9, 0.95], weightDecay: 0.1 });
  const stream = makeRng(1);
  const step = (): void => {
    const b = copyBatch(task, 32, stream);
    opt.zeroGrad();
    const logits = gather(model.forward(b.tokens, 32).reshape([32 * 23, 32]), b.positions);
    crossEntropy(logits, b.targets).backward();
    clipGradNorm(params, 1);
    opt.step();
  };
  const t = timeMs(step, 20, 3);
  const name = qkNorm ? "proxy-step-qkln" : "proxy-step";
  const base = np[`${name}:f32`];
  report(name, "f32", "median", t.median, "ms", base?.[0], false);
  report(name, "f32", "best", t.best, "ms", base?.[1], false);
}

// Rounding into an emulated half format: every op of a bf16/f16 run passes its results through
// it (numpy has float16 in hardware-assisted C; bf16 has no numpy baseline).
{
  const x = randn([1 << 20], rng, { dtype: "f32" });
  for (const dtype of ["f16", "bf16"] as const) {
    const t = timeMs(() => x.to(dtype), 15);
    const base = dtype === "f16" ? np["cast-1M:f16"] : undefined;
    report("cast-1M", dtype, "median", t.median, "ms", base?.[0], false);
    report("cast-1M", dtype, "best", t.best, "ms", base?.[1], false);
  }
}

// Quantise-dequantise of 2^20 f32 values into each narrow format (per-tensor scale, nearest-even),
// and into the block-scaled MXFP4 / NVFP4 and stochastic NVFP4, beside numpy's float16 cast of
// the same array (the nearest thing numpy has; target within 3×).
{
  const x = randn([1 << 20], rng, { dtype: "f32" });
  const base = np["cast-1M:f16"];
  const tensorScale = { kind: "tensor" } as const;
  const cases: [string, QuantFormat, string][] = [
    ["qdq-1M", quantFormat(E4M3, tensorScale), "e4m3"],
    ["qdq-1M", quantFormat(E5M2, tensorScale), "e5m2"],
    ["qdq-1M", quantFormat(E2M3, tensorScale), "e2m3"],
    ["qdq-1M", quantFormat(E3M2, tensorScale), "e3m2"],
    ["qdq-1M", quantFormat(E2M1, tensorScale), "e2m1"],
    ["qdq-1M", quantFormat(E2M1, mxBlocks), "mxfp4"],
    ["qdq-1M", quantFormat(E2M1, nvfp4Blocks), "nvfp4"],
    ["qdq-1M", quantFormat(E2M1, nvfp4Blocks, "stochastic"), "nvfp4-sr"],
  ];
  for (const [name, q, label] of cases) {
    const t = timeMs(() => quantizeArray(x.data, q, { rng }), 15);
    report(name, label, "median", t.median, "ms", base?.[0], false);
    report(name, label, "best", t.best, "ms", base?.[1], false);
  }
  // The same values as a [1024, 1024] matrix: NVFP4 blocks down its columns (a weight-gradient
  // GEMM's operand) and in 16×16 tiles (weights), nearest and stochastic.
  const matrixCases: [QuantFormat, 0 | 1, string][] = [
    [quantFormat(E2M1, nvfp4Blocks), 0, "nvfp4-cols"],
    [quantFormat(E2M1, nvfp4Blocks, "stochastic"), 0, "nvfp4-cols-sr"],
    [quantFormat(E2M1, nvfp4Tiles), 1, "nvfp4-tiles"],
  ];
  // The stochastic case again into one output buffer reused across calls (as a training loop can
  // pass `out`): the same work without allocating and first touching a fresh 4 MB result each time.
  {
    const q = quantFormat(E2M1, nvfp4Blocks, "stochastic");
    const out = new Float32Array(x.data.length);
    const t = timeMs(() => quantizeArray(x.data, q, { rng, out }), 15);
    report("qdq-1M", "nvfp4-sr-out", "median", t.median, "ms", base?.[0], false);
    report("qdq-1M", "nvfp4-sr-out", "best", t.best, "ms", base?.[1], false);
  }
  for (const [q, axis, label] of matrixCases) {
    const t = timeMs(() => quantizeMatrix(x.data, 1024, 1024, q, { axis, rng }), 15);
    report("qdq-1M", label, "median", t.median, "ms", base?.[0], false);
    report("qdq-1M", label, "best", t.best, "ms", base?.[1], false);
  }
}

process.stderr.write(
  `\ntensor engine (${kernelInfo()}); ratio = how many times slower than numpy; ` +
    `1-min load average ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores; ` +
    `targets (issue 4): mlp-step f32 ≤ 40 ms, matmul ≥ 20 GFLOP/s; proxy-step ≤ 3× numpy\n`,
);
process.stderr.write(
  `${"case".padEnd(22)}${"dtype".padEnd(15)}${"metric".padEnd(7)}${"value".padStart(10)} unit      ${"numpy".padStart(9)}  ratio\n`,
);
for (const r of rows)
  process.stderr.write(
    `${r.case.padEnd(22)}${r.dtype.padEnd(15)}${r.metric.padEnd(7)}${String(r.value).padStart(10)} ${r.unit.padEnd(9)} ${String(r.baseline_value ?? "-").padStart(9)}  ${r.ratio ?? "-"}\n`,
  );
shutdownKernels();
