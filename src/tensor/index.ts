// Public surface of src/tensor, re-exported by src/index.ts: a small autodiff tensor engine
// that computes in the precision asked for (f64, f32, emulated bf16/f16), with nn modules,
// optimisers, LR schedules, rounding helpers and a seeded generator (`makeRng`).
// Why hand-written: no JS library offers autodiff with per-op precision control
// (TensorFlow.js is float32-only), and Softmax Collapse is a floating-point phenomenon.
//
// A full-batch grokking step (Prieto et al. 2025) reads:
//   const model = new MLP([2 * p, 200, 200, p], makeRng(1), { bias: false });   // f32
//   const opt = new AdamW(model.parameters(), { lr: 1e-3, eps: 1e-25, weightDecay: 0, perpGrad: true });
//   const x = multiHot(a, b.map((v) => v + p));               // one-hot pair as a gather
//   opt.zeroGrad();
//   const logits = model.forward(x);
//   const losses = crossEntropy(logits.to("f16"), y, { reduction: "none" }); // softmax precision
//   losses.mean().backward();                                  // kind: "stablemax" for StableMax
//   const zeroLoss = zeroShare(losses), cos = gradWeightCosine(model.parameters());
//   opt.step();
//   const testAcc = noGrad(() => accuracy(model.forward(xTest), yTest));
export {
  type Dtype,
  type Storage,
  DTYPES,
  roundBf16,
  roundF16,
  rounder,
  promote,
} from "./dtype.ts";
export { TensorError } from "./error.ts";
export { Rng, makeRng, drawUniform, type RandomSource } from "./rng.ts";
export { Tensor, noGrad, isGradEnabled, type Operand } from "./tensor.ts";
export {
  tensor,
  zeros,
  ones,
  full,
  randn,
  uniform,
  arange,
  type TensorOptions,
} from "./creation.ts";
export { add, sub, mul, div, neg, exp, log, relu, gelu, tanh, sqrt, pow } from "./elementwise.ts";
export { sum, mean, max, logsumexp, argmax } from "./reduce.ts";
export { matmul } from "./matmul.ts";
export { configureKernels, shutdownKernels } from "./kernels/pool.ts";
export { kernelInfo } from "./kernel-info.ts";
export { reshape, permute, transpose } from "./view.ts";
export { cast } from "./cast.ts";
export { gather, gatherSum, pick, oneHot, slice, concat, type Indices } from "./gather.ts";
export { softmax, logSoftmax } from "./softmax.ts";
export { stablemax, logStablemax } from "./stablemax.ts";
export {
  crossEntropy,
  nllLoss,
  mseLoss,
  softmaxCrossEntropy,
  type CrossEntropyOptions,
  type Reduction,
} from "./loss.ts";
export { layerNorm } from "./norm.ts";
export { dropout } from "./dropout.ts";
export { accuracy, zeroShare, norm, gradNorm, gradWeightCosine } from "./stats.ts";
export { Module } from "./nn/module.ts";
export { Linear, multiHot, type MultiHot, type LinearOptions } from "./nn/linear.ts";
export { Embedding } from "./nn/embedding.ts";
export { MLP, type MlpOptions, type Activation } from "./nn/mlp.ts";
export { LayerNorm } from "./nn/layernorm.ts";
export { setPrecision, type SetPrecisionOptions } from "./nn/precision.ts";
export {
  minifloat,
  roundMini,
  decodeMini,
  miniValues,
  E4M3,
  E5M2,
  E2M3,
  E3M2,
  E2M1,
  BF16,
  FP16,
  type MiniFloat,
  type MiniFloatOptions,
  type Specials,
  type Rounding,
} from "./minifloat.ts";
export {
  quantFormat,
  quantizeMatrix,
  quantizeArray,
  decodeE8M0,
  mxBlocks,
  nvfp4Blocks,
  nvfp4Tiles,
  type QuantFormat,
  type Scaling,
  type ScaleFormat,
  type QuantizeOptions,
} from "./quantize.ts";
export { randomHadamard, hadamardSigns } from "./hadamard.ts";
export { quantizedMatmul, type MatmulPrecision, type Gemm } from "./quantmatmul.ts";
export { SelfAttention, TransformerBlock, Transformer, causalMask } from "./nn/transformer.ts";
export { Optimizer, type OptimizerOptions } from "./optim/optimizer.ts";
export { SGD, type SgdOptions } from "./optim/sgd.ts";
export { Adam, AdamW, type AdamOptions } from "./optim/adam.ts";
export { projectOutWeights } from "./optim/perpgrad.ts";
export { clipGradNorm } from "./optim/clip.ts";
export {
  constantLr,
  warmupLr,
  cosineLr,
  wsdLr,
  type Schedule,
  type CosineOptions,
  type WsdOptions,
} from "./optim/schedule.ts";
export { hvp, type HvpOptions, type ParamVector, type LossClosure } from "./hvp.ts";
export { sharpness, type Sharpness, type SharpnessOptions } from "./sharpness.ts";
