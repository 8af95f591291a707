// One grokking run: a float32 MLP on one-hot (a, b) trained full-batch with AdamW on modular
// addition, with the paper's knobs — softmax or StableMax cross-entropy, the dtype the logits
// are cast to before the loss, weight decay, ⊥Grad (Prieto et al. 2025, §§3–5) — recording
// accuracy, zero-loss share, norms and cos(gradient, weights) — over all parameters and per
// parameter tensor, as the paper's Fig. 5 — at log-spaced steps.
// Pure: config in, records out; `onStep` only reports progress.
import {
  AdamW,
  MLP,
  accuracy,
  crossEntropy,
  gradNorm,
  gradWeightCosine,
  makeRng,
  multiHot,
  noGrad,
  norm,
} from "../../tensor/index.ts";
import { resolveConfig, type GrokkingConfig } from "./config.ts";
import { modularAddition } from "./data.ts";
import { sampleStats, type GrokkingRecord } from "./record.ts";
import { recordSteps } from "./schedule.ts";

export interface GrokkingHooks {
  /** Called after each optimiser step with the number of steps taken. */
  onStep?: (step: number) => void;
  onRecord?: (record: GrokkingRecord) => void;
}

export interface GrokkingRun {
  readonly config: GrokkingConfig;
  readonly records: readonly GrokkingRecord[];
  /** Steps actually taken: `config.steps`, or fewer when `stopWhen` ended the run. */
  readonly stepsTaken: number;
  readonly stoppedEarly: boolean;
  readonly trainSize: number;
  readonly testSize: number;
}

const offsetBy = (xs: Int32Array, k: number): Int32Array => xs.map((x) => x + k);

/**
 * One grokking run (Prieto et al. 2025): an MLP 2p → width → width → p on one-hot (a, b) learns
 * (a + b) mod p full-batch with AdamW, with softmax or StableMax loss in the chosen dtype, weight
 * decay and ⊥Grad as set; records accuracy, zero-loss share, norms and gradient–weight cosines at
 * log-spaced steps. Missing options take GROKKING_DEFAULTS; throws GrokkingError for a bad field.
 * @example
 * const run = runGrokking({ steps: 300, seed: 1 });
 * const last = run.records[run.records.length - 1]!;
 * last.testAccuracy;
 */
export function runGrokking(
  options: Partial<GrokkingConfig> = {},
  hooks: GrokkingHooks = {},
): GrokkingRun {
  const config = resolveConfig(options);
  const { p, width, steps } = config;
  const data = modularAddition({ p, trainFraction: config.trainFraction, seed: config.seed });
  const model = new MLP([2 * p, width, width, p], makeRng(config.seed + 1), {
    bias: false,
    dtype: config.modelDtype,
  });
  const params = model.parameters();
  const optimizer = new AdamW(params, {
    lr: config.lr,
    weightDecay: config.weightDecay,
    betas: [config.beta1, config.beta2],
    eps: config.eps,
    perpGrad: config.perpGrad,
  });
  // Concatenated one-hot (a, b) = indices a and p + b of a 2p-wide input, done as a gather.
  const trainX = multiHot(data.train.a, offsetBy(data.train.b, p));
  const testX = multiHot(data.test.a, offsetBy(data.test.b, p));
  const when = recordSteps(steps, config.recordsPerDecade, config.recordEvery);
  const records: GrokkingRecord[] = [];
  let next = 0;
  let step = 0;
  let stoppedEarly = false;
  for (;;) {
    optimizer.zeroGrad();
    const logits = model.forward(trainX).to(config.lossDtype);
    const losses = crossEntropy(logits, data.train.y, { kind: config.loss, reduction: "none" });
    const loss = losses.mean();
    loss.backward();
    if (step === when[next]) {
      next++;
      const testAccuracy = noGrad(() => accuracy(model.forward(testX), data.test.y));
      const record: GrokkingRecord = {
        step,
        trainLoss: loss.item(),
        testAccuracy,
        weightNorm: Math.hypot(...params.map(norm)),
        gradNorm: gradNorm(params),
        gradWeightCosine: gradWeightCosine(params),
        layerGradWeightCosines: params.map((w) => gradWeightCosine([w])),
        ...sampleStats(logits, data.train.y, losses),
      };
      records.push(record);
      hooks.onRecord?.(record);
      if (config.stopWhen?.(record) === true && step < steps) {
        stoppedEarly = true;
        break;
      }
    }
    if (step === steps) break;
    optimizer.step();
    step++;
    hooks.onStep?.(step);
  }
  return {
    config,
    records,
    stepsTaken: step,
    stoppedEarly,
    trainSize: data.train.y.length,
    testSize: data.test.y.length,
  };
}
