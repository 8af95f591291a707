// The learning-rate spike test of Sao 2026 (§5.3, §6.5, Fig. 10, Table 1): full-batch Adam at a
// base rate, the rate multiplied for ONE step at `spikeAt`, then training continues; test accuracy
// is recorded after every step. Treatments: plain Adam; Adam on the gradient clipped to norm 1;
// and the ρ_a-controller of eq. 19, which scales Adam's tentative update p = lr·m̂/(√v̂ + ε) by
// s = min(1, ρ_a/‖p‖) with ρ_a measured by one JVP along p itself. Adam is written out here
// (torch.optim.Adam's rule) because the controller needs the update before it is applied.
import { accuracy, crossEntropy, gradNorm, noGrad } from "../../tensor/index.ts";
import { batchRadiusBound } from "./directional.ts";
import type { Classifier } from "./models.ts";
import type { Blobs } from "./blobs.ts";

export type SpikeTreatment = "plain" | "clip" | "controller";

export interface SpikeOptions {
  treatment: SpikeTreatment;
  steps?: number;
  baseLr?: number;
  spikeAt?: number;
  spikeFactor?: number;
  /** Gradient-norm threshold of the "clip" treatment (default 1). */
  clipNorm?: number;
}

export interface SpikeRun {
  treatment: SpikeTreatment;
  /** Test accuracy after each step. */
  testAccuracy: number[];
  /** Training loss before each step. */
  loss: number[];
  /** Length of the update applied, and ρ_a along it (controller only; NaN otherwise). */
  tau: number[];
  rho: number[];
}

/**
 * Sao 2026's learning-rate spike test: full-batch Adam at `baseLr` (0.015) for `steps` (200), the
 * rate multiplied by `spikeFactor` (1e4) for the one step `spikeAt` (50). Treatments: "plain";
 * "clip" (gradient clipped to norm `clipNorm`, 1); "controller" (the update scaled by
 * min(1, ρ_a/‖update‖), eq. 19). Records test accuracy after, and loss before, every step.
 */
export function spikeRun(model: Classifier, data: Blobs, options: SpikeOptions): SpikeRun {
  const steps = options.steps ?? 200;
  const baseLr = options.baseLr ?? 0.015;
  const spikeAt = options.spikeAt ?? 50;
  const spikeFactor = options.spikeFactor ?? 1e4;
  const clipNorm = options.clipNorm ?? 1;
  const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
  const m = model.params.map((p) => new Float64Array(p.size));
  const v = model.params.map((p) => new Float64Array(p.size));
  const run: SpikeRun = {
    treatment: options.treatment,
    testAccuracy: [],
    loss: [],
    tau: [],
    rho: [],
  };
  for (let t = 0; t < steps; t++) {
    const lr = t === spikeAt ? baseLr * spikeFactor : baseLr;
    for (const p of model.params) p.grad = null;
    const loss = crossEntropy(model.forward(data.x), data.labels);
    run.loss.push(loss.item());
    loss.backward();
    const g = gradNorm(model.params);
    const clip = options.treatment === "clip" && g > clipNorm ? clipNorm / g : 1;
    const c1 = 1 - beta1 ** (t + 1);
    const c2 = 1 - beta2 ** (t + 1);
    // The tentative update direction u = m̂/(√v̂ + ε), descending: θ ← θ − lr·s·u.
    const u = model.params.map((p, i) => {
      const [mi, vi, gi] = [m[i]!, v[i]!, p.grad!];
      return Float64Array.from({ length: p.size }, (_, k) => {
        const gk = gi[k]! * clip;
        mi[k] = beta1 * mi[k]! + (1 - beta1) * gk;
        vi[k] = beta2 * vi[k]! + (1 - beta2) * gk * gk;
        return mi[k]! / c1 / (Math.sqrt(vi[k]! / c2) + eps);
      });
    });
    const uNorm = Math.sqrt(u.reduce((s, d) => s + d.reduce((a, x) => a + x * x, 0), 0));
    let scale = 1;
    let rho = NaN;
    if (options.treatment === "controller" && uNorm > 0) {
      rho = batchRadiusBound(
        model,
        data.x,
        u.map((d) => d.map((x) => -x / uNorm)),
      );
      scale = Math.min(1, rho / (lr * uNorm));
    }
    model.params.forEach((p, i) => {
      const d = u[i]!;
      for (let k = 0; k < p.size; k++) p.data[k] -= lr * scale * d[k]!;
    });
    run.tau.push(lr * scale * uNorm);
    run.rho.push(rho);
    run.testAccuracy.push(noGrad(() => accuracy(model.forward(data.test.x), data.test.labels)));
  }
  return run;
}
