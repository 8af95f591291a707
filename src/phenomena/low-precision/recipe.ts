// Training recipes as GEMM precisions for an MLP's Linear layers (setPrecision): BF16, FP8
// (E4M3 activations and weights, E5M2 gradients, per-tensor scales: Micikevicius et al. 2022)
// and NVFP4 as NVIDIA's pretraining recipe has it (2025, §4): E2M1 in 16-blocks with E4M3
// scales, 16×16 weight tiles, stochastic rounding of gradients, a random Hadamard transform on
// the weight-gradient GEMM (one random sign vector for all layers and the whole run, as the
// paper has it), the last layer in BF16 — each ingredient a switch for ablations.
import {
  BF16,
  E2M1,
  E4M3,
  E5M2,
  hadamardSigns,
  makeRng,
  nvfp4Blocks,
  nvfp4Tiles,
  quantFormat,
  type Gemm,
  type MatmulPrecision,
  type MiniFloat,
  type QuantFormat,
  type Rounding,
  type Scaling,
} from "../../tensor/index.ts";

export interface Fp4Options {
  /** Element format (E2M1 in NVFP4; other 4-bit splits for the exponent/mantissa sweep). */
  element?: MiniFloat;
  /** Rounding of the gradients dY (activations and weights always round to nearest). */
  gradRounding?: Rounding;
  /** 16×16 weight tiles (true) or 16-element blocks along each GEMM's inner dimension. */
  tiles?: boolean;
  /** GEMMs behind a random Hadamard transform of block 16 (NVFP4: wgrad only). */
  hadamard?: readonly Gemm[];
  /** Keep the last Linear layer in BF16. */
  keepLast?: boolean;
  /** Block scaling of activations and gradients (NVFP4 blocks by default). */
  scaling?: Scaling;
}

export type Recipe =
  | { kind: "bf16" }
  | { kind: "fp8"; element?: MiniFloat; grad?: MiniFloat }
  | ({ kind: "fp4" } & Fp4Options);

/** The precision of every Linear layer but the kept ones, and of the kept ones. */
export interface RecipePrecisions {
  main: MatmulPrecision;
  last: MatmulPrecision | null;
}

const bf16 = quantFormat(BF16, { kind: "none" });

/** Every GEMM operand rounded to bf16 (no scaling): the reference recipe's precision. */
export function bf16Precision(seed: number): MatmulPrecision {
  return { input: bf16, weight: bf16, grad: bf16, rng: makeRng(seed) };
}

/**
 * The GEMM precisions of a recipe: `main` for every Linear layer, `last` for the final one when
 * the recipe keeps it in BF16 (NVFP4's `keepLast`), else null. Stochastic rounding and the
 * Hadamard signs draw from generators seeded by `seed`.
 */
export function recipePrecisions(recipe: Recipe, seed: number): RecipePrecisions {
  const rng = makeRng(seed);
  if (recipe.kind === "bf16") return { main: bf16Precision(seed), last: null };
  if (recipe.kind === "fp8") {
    const t = { kind: "tensor" } as const;
    const el = recipe.element ?? E4M3;
    const q: QuantFormat = quantFormat(el, t);
    return {
      main: { input: q, weight: q, grad: quantFormat(recipe.grad ?? E5M2, t), rng },
      last: null,
    };
  }
  const el = recipe.element ?? E2M1;
  const scaling = recipe.scaling ?? nvfp4Blocks;
  const main: MatmulPrecision = {
    input: quantFormat(el, scaling),
    weight: quantFormat(el, recipe.tiles === false ? scaling : tilesLike(scaling)),
    grad: quantFormat(el, scaling, recipe.gradRounding ?? "stochastic"),
    hadamard:
      (recipe.hadamard ?? ["wgrad"]).length > 0
        ? { size: 16, gemms: recipe.hadamard ?? ["wgrad"], signs: hadamardSigns(16, seed + 7) }
        : null,
    rng,
  };
  return { main, last: recipe.keepLast === false ? null : bf16Precision(seed + 1) };
}

/** The 2-D tile version of a block scaling (same scale format), NVFP4's tiles by default. */
function tilesLike(s: Scaling): Scaling {
  if (s.kind === "block") return { ...s, kind: "tile" };
  return s.kind === "tile" ? s : nvfp4Tiles;
}
