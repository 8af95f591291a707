// Parameter containers with dotted names ("layers.0.weight"), as torch.nn.Module, so
// optimisers and notebooks can address parameters by name. Children register explicitly.
import type { Tensor } from "../tensor.ts";

/**
 * Base of the nn layers, as torch.nn.Module: holds parameters (created with requiresGrad) and child
 * modules under dotted names ("layers.0.weight"), lists them with `parameters()` /
 * `namedParameters()`, and switches training mode with `train()` / `eval()`.
 */
export abstract class Module {
  private readonly ownParams = new Map<string, Tensor>();
  private readonly children = new Map<string, Module>();
  training = true;

  protected param(name: string, t: Tensor): Tensor {
    t.requiresGrad = true;
    this.ownParams.set(name, t);
    return t;
  }

  protected child<M extends Module>(name: string, m: M): M {
    this.children.set(name, m);
    return m;
  }

  namedParameters(prefix = ""): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [n, t] of this.ownParams) out.push([prefix + n, t]);
    for (const [n, c] of this.children) out.push(...c.namedParameters(`${prefix}${n}.`));
    return out;
  }

  /** This module and its descendants with dotted names ("" for this one, "layers.0", …). */
  namedModules(prefix = ""): [string, Module][] {
    const out: [string, Module][] = [[prefix.replace(/\.$/, ""), this]];
    for (const [n, c] of this.children) out.push(...c.namedModules(`${prefix}${n}.`));
    return out;
  }

  parameters(): Tensor[] {
    return this.namedParameters().map(([, t]) => t);
  }

  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /** Switch training mode (dropout on) for this module and its children. */
  train(on = true): this {
    this.training = on;
    for (const c of this.children.values()) c.train(on);
    return this;
  }

  eval(): this {
    return this.train(false);
  }
}
