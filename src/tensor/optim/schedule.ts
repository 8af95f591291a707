// Learning-rate schedules as plain functions `(step) => lr`, step counted from 0: constant,
// cosine (Loshchilov & Hutter 2017, without restarts), linear warmup, and warmup-stable-decay
// (WSD; Hu et al. 2024, MiniCPM) — the schedules the LR-annealing law is tested on (Tissue et al. 2024).
export type Schedule = (step: number) => number;

/** The schedule that returns `lr` at every step. */
export function constantLr(lr: number): Schedule {
  return () => lr;
}

/** Linear ramp from lr/warmup to lr over `warmup` steps, then `after` (default: constant lr). */
export function warmupLr(lr: number, warmup: number, after: Schedule = constantLr(lr)): Schedule {
  return (step) => (step < warmup ? (lr * (step + 1)) / warmup : after(step));
}

export interface CosineOptions {
  lr: number;
  steps: number;
  minLr?: number;
  warmup?: number;
}

/** Cosine decay from lr (after an optional warmup) to minLr at `steps`, constant after. */
export function cosineLr({ lr, steps, minLr = 0, warmup = 0 }: CosineOptions): Schedule {
  const cosine: Schedule = (step) => {
    const t = Math.min(1, Math.max(0, (step - warmup) / Math.max(1, steps - warmup)));
    return minLr + 0.5 * (lr - minLr) * (1 + Math.cos(Math.PI * t));
  };
  return warmup > 0 ? warmupLr(lr, warmup, cosine) : cosine;
}

export interface WsdOptions {
  lr: number;
  steps: number;
  /** Share of `steps` spent in the final decay (e.g. 0.1, 0.2, 0.5). */
  decayFraction: number;
  warmup?: number;
  minLr?: number;
  /** Shape of the decay phase. */
  decay?: "linear" | "cosine" | "sqrt";
}

/** Warmup, a constant plateau, then a decay to minLr over the last decayFraction of steps. */
export function wsdLr({
  lr,
  steps,
  decayFraction,
  warmup = 0,
  minLr = 0,
  decay = "linear",
}: WsdOptions): Schedule {
  const decaySteps = Math.round(steps * decayFraction);
  const start = steps - decaySteps;
  const stable: Schedule = (step) => {
    if (step < start) return lr;
    const t = Math.min(1, (step - start) / Math.max(1, decaySteps));
    const f =
      decay === "linear"
        ? 1 - t
        : decay === "cosine"
          ? 0.5 * (1 + Math.cos(Math.PI * t))
          : 1 - Math.sqrt(t);
    return minLr + (lr - minLr) * f;
  };
  return warmup > 0 ? warmupLr(lr, warmup, stable) : stable;
}
