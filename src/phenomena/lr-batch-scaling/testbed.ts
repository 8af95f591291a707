// The learning-rate/batch-size testbed (after Granziol, Zohren & Roberts 2022): a tanh MLP
// student d → h → 1 (f64, no biases) regresses a fixed random tanh teacher of the same shape on
// Gaussian inputs with label noise, drawing fresh samples every step. No biases keeps a constant
// mode out of the Hessian, so the curvature of one sample is spread over ≈ d directions and the
// mini-batch Hessian's top eigenvalue falls with B over a wide range, as in the paper's analysis.
import {
  MLP,
  makeRng,
  mseLoss,
  noGrad,
  tensor,
  type Rng,
  type Tensor,
} from "../../tensor/index.ts";

export interface TestbedOptions {
  /** Input dimension. */
  d?: number;
  /** Hidden units of student and teacher. */
  hidden?: number;
  /** Label-noise standard deviation. */
  noise?: number;
  /** Seed of the teacher and the fixed evaluation set. */
  seed?: number;
  /** Evaluation samples (the stability criterion's loss). */
  evalSize?: number;
}

export interface Testbed {
  d: number;
  hidden: number;
  noise: number;
  teacher: MLP;
  evalX: Tensor;
  evalY: Tensor;
}

/**
 * The learning-rate/batch-size testbed (after Granziol et al. 2022): a fixed random tanh teacher
 * d → hidden → 1 (defaults 128, 8; f64, no biases) with label noise `noise` (0.1) and a fixed
 * evaluation set of `evalSize` (1024) Gaussian inputs, seeded.
 */
export function makeTestbed(options: TestbedOptions = {}): Testbed {
  const { d = 128, hidden = 8, noise = 0.1, seed = 1, evalSize = 1024 } = options;
  const random = makeRng(seed);
  const teacher = new MLP([d, hidden, 1], random, {
    dtype: "f64",
    activation: "tanh",
    bias: false,
  });
  // Teacher input weights N(0, 4/d): pre-activations of order 2, in tanh's curved range.
  const w1 = teacher.layers[0]!.weight.data;
  for (let i = 0; i < w1.length; i++) w1[i] = (2 * random.normal()) / Math.sqrt(d);
  const testbed = { d, hidden, noise, teacher } as Testbed;
  const { x, y } = sampleBatch(testbed, evalSize, random);
  return { ...testbed, evalX: x, evalY: y };
}

/** B fresh samples: x ~ N(0, I_d), y = teacher(x) + noise. */
export function sampleBatch(
  testbed: Pick<Testbed, "d" | "noise" | "teacher">,
  B: number,
  random: Rng,
): { x: Tensor; y: Tensor } {
  const x = tensor(
    Float64Array.from({ length: B * testbed.d }, () => random.normal()),
    [B, testbed.d],
    { dtype: "f64" },
  );
  const clean = noGrad(() => testbed.teacher.forward(x));
  const y = tensor(
    Float64Array.from(clean.data, (v) => v + testbed.noise * random.normal()),
    [B, 1],
    { dtype: "f64" },
  );
  return { x, y };
}

/** A student with PyTorch's default initialisation, seeded. */
export function makeStudent(testbed: Testbed, seed: number): MLP {
  return new MLP([testbed.d, testbed.hidden, 1], makeRng(seed), {
    dtype: "f64",
    activation: "tanh",
    bias: false,
  });
}

/** Mean squared error of `model` on the evaluation set. */
export function evalLoss(testbed: Testbed, model: MLP): number {
  return noGrad(() => mseLoss(model.forward(testbed.evalX), testbed.evalY).item());
}
