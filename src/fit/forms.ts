// The built-in scaling-law forms. Each is an expression plus what a good fit needs besides
// it: which parameters are scales (fit as log p — A ranges over 1…e^25 in Hoffmann's grid,
// and LM on raw A is hopelessly ill-conditioned), default starts and bounds.
export interface CurveForm {
  readonly name: string;
  /** mathjs expression of the model. */
  readonly expression: string;
  /** Input variables, in the order a plain `number[]` x maps to (first one). */
  readonly inputs: readonly string[];
  readonly params: readonly string[];
  /** Parameters optimised as log p (positive scales). */
  readonly logParams: readonly string[];
  /** Default grid of starts (every combination is tried). */
  readonly init: Readonly<Record<string, readonly number[]>>;
  readonly bounds: Readonly<Record<string, readonly [number, number]>>;
}

const range = (from: number, to: number, step: number): number[] => {
  const out: number[] = [];
  for (let v = from; v <= to + 1e-9; v += step) out.push(Math.round(v * 1e9) / 1e9);
  return out;
};

/** y = A·x^−α (Hestness et al. 2017). */
export const powerLaw: CurveForm = {
  name: "powerLaw",
  expression: "A * x^(-alpha)",
  inputs: ["x"],
  params: ["A", "alpha"],
  logParams: ["A"],
  init: { A: [1], alpha: [0.5] },
  bounds: { alpha: [-5, 5] },
};

/** y = E + A·x^−α: a power law on top of an irreducible loss E. */
export const saturatingPowerLaw: CurveForm = {
  name: "saturatingPowerLaw",
  expression: "E + A * x^(-alpha)",
  inputs: ["x"],
  params: ["E", "A", "alpha"],
  logParams: ["E", "A"],
  init: { E: [0.1, 1], A: [1, 100], alpha: [0.2, 0.6] },
  bounds: { alpha: [0, 5] },
};

/** Hoffmann et al. 2022, eq. 2: L(N, D) = E + A/N^α + B/D^β. */
export const chinchilla: CurveForm = {
  name: "chinchilla",
  expression: "E + A / N^alpha + B / D^beta",
  inputs: ["N", "D"],
  params: ["E", "A", "B", "alpha", "beta"],
  logParams: ["E", "A", "B"],
  init: {
    E: [Math.exp(0)],
    A: [Math.exp(5), Math.exp(10)],
    B: [Math.exp(5), Math.exp(10)],
    alpha: [0.3, 0.6],
    beta: [0.3, 0.6],
  },
  bounds: { alpha: [0, 3], beta: [0, 3] },
};

/**
 * Hoffmann et al. 2022, App. D.2 grid as restated by Besiroglu et al. 2024: α, β ∈ {0, 0.5, …, 2},
 * e ∈ {−1, −0.5, …, 1}, a, b ∈ {0, 5, …, 25}, with A = e^a, B = e^b, E = e^e — 4,500 starts.
 */
export const hoffmannStarts: Readonly<Record<string, readonly number[]>> = {
  E: range(-1, 1, 0.5).map(Math.exp),
  A: range(0, 25, 5).map(Math.exp),
  B: range(0, 25, 5).map(Math.exp),
  alpha: range(0, 2, 0.5),
  beta: range(0, 2, 0.5),
};

/**
 * Smoothly broken power law (Caballero et al. 2023, one break): slope −α below x_b, −(α+β)
 * above it, f the sharpness. β < −α gives a U-shape; a large β an "emergent" drop.
 */
export const brokenPowerLaw: CurveForm = {
  name: "brokenPowerLaw",
  expression: "E + A * x^(-alpha) * (1 + (x / xb)^(1 / f))^(-beta * f)",
  inputs: ["x"],
  params: ["E", "A", "alpha", "beta", "xb", "f"],
  logParams: ["A", "xb", "f"],
  init: { E: [0], A: [1], alpha: [0, 0.5], beta: [-1, 1], xb: [1e2, 1e4], f: [0.5] },
  bounds: { E: [0, Infinity], alpha: [-3, 3], beta: [-5, 5], f: [0.02, 10] },
};

/**
 * Tissue et al. 2024, eq. 1: L(s) = L0 + A·S1^−α − C·S2 with S1 the forward area under the LR
 * schedule and S2 the annealing area (inputs from `annealingAreas`).
 */
export const annealingLaw: CurveForm = {
  name: "annealingLaw",
  expression: "L0 + A * S1^(-alpha) - C * S2",
  inputs: ["S1", "S2"],
  params: ["L0", "A", "alpha", "C"],
  logParams: ["A"],
  init: { L0: [0, 1], A: [0.1, 1, 10], alpha: [0.3, 1], C: [0, 1] },
  bounds: { L0: [0, Infinity], alpha: [0, 5] },
};

/** The built-in curve forms by name: powerLaw, saturatingPowerLaw, chinchilla, brokenPowerLaw, annealingLaw. */
export const builtInForms: Readonly<Record<string, CurveForm>> = {
  powerLaw,
  saturatingPowerLaw,
  chinchilla,
  brokenPowerLaw,
  annealingLaw,
};
