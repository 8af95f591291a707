// The Tensor and its reverse-mode autodiff, micrograd-style: every op (in the sibling files)
// builds its result with `fromOp` and attaches a backward closure next to its forward code;
// `backward()` walks the graph in reverse topological order. Gradients are plain typed arrays
// of the tensor's own dtype, so they are rounded like the forward values (per-op precision).
// Why hand-written: no JS library offers autodiff with per-op precision control
// (TensorFlow.js is float32-only), and Softmax Collapse is a floating-point phenomenon.
import { allocate, isHalf, roundInPlace, type Dtype, type Storage } from "./dtype.ts";
import { TensorError } from "./error.ts";
import { sizeOf, type Shape } from "./shape.ts";
import * as ew from "./elementwise.ts";
import * as red from "./reduce.ts";
import * as view from "./view.ts";
import * as sm from "./softmax.ts";
import * as stm from "./stablemax.ts";
import { matmul } from "./matmul.ts";
import { cast } from "./cast.ts";

let gradEnabled = true;

/** Run `fn` without recording the graph (evaluation, optimiser updates). */
export function noGrad<T>(fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

/** False inside {@link noGrad}: ops then record no graph. */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

export type Operand = Tensor | number;

/**
 * An n-dimensional row-major array of dtype f64, f32, bf16 or f16 with reverse-mode autodiff:
 * ops on tensors with `requiresGrad` record a graph, and `backward()` on a scalar result fills each
 * leaf's `grad` (a typed array of its dtype). Make tensors with `tensor`, `zeros`, `randn` …; ops
 * exist as functions and as chainable methods. Throws TensorError on bad shapes or dtypes.
 * @example
 * const w = tensor([[0.5, -1], [2, 0]], { requiresGrad: true });
 * const loss = w.matmul(tensor([[1], [2]])).relu().sum();
 * loss.backward();
 * w.grad; // Float32Array [0, 0, 1, 2]
 */
export class Tensor {
  readonly data: Storage;
  readonly shape: readonly number[];
  readonly dtype: Dtype;
  readonly size: number;
  requiresGrad: boolean;
  /** d(output)/d(this) after `backward()`, same dtype and layout as `data`. */
  grad: Storage | null = null;
  /** The op that produced this tensor ("leaf" for inputs and parameters). */
  readonly op: string;
  readonly parents: readonly Tensor[];
  backwardFn: ((grad: Storage) => void) | null = null;

  constructor(
    data: Storage,
    shape: Shape,
    dtype: Dtype,
    requiresGrad = false,
    op = "leaf",
    parents: readonly Tensor[] = [],
  ) {
    if (data.length !== sizeOf(shape))
      throw new TensorError(
        "Tensor",
        `data of length ${data.length} for shape [${shape}]`,
        `length ${sizeOf(shape)}`,
      );
    if ((dtype === "f64") !== data instanceof Float64Array)
      throw new TensorError(
        "Tensor",
        `storage ${data.constructor.name} for dtype ${dtype}`,
        dtype === "f64" ? "Float64Array" : "Float32Array",
      );
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.dtype = dtype;
    this.size = data.length;
    this.requiresGrad = requiresGrad;
    this.op = op;
    this.parents = parents;
  }

  /** Result of an op: records parents only when some parent needs a gradient. */
  static fromOp(
    data: Storage,
    shape: Shape,
    dtype: Dtype,
    op: string,
    parents: readonly Tensor[],
  ): Tensor {
    if (isHalf(dtype)) roundInPlace(data, dtype);
    const needs = gradEnabled && parents.some((p) => p.requiresGrad);
    return new Tensor(data, shape, dtype, needs, op, needs ? parents : []);
  }

  get rank(): number {
    return this.shape.length;
  }

  item(): number {
    if (this.size !== 1)
      throw new TensorError("item", `tensor of shape [${this.shape}]`, "a single element");
    return this.data[0]!;
  }

  toArray(): number[] {
    return Array.from(this.data);
  }

  /** Values as nested arrays following the shape (a number for a scalar). */
  toNested(): unknown {
    const build = (axis: number, offset: number): unknown => {
      if (axis === this.rank) return this.data[offset];
      const stride = this.shape.slice(axis + 1).reduce((p, d) => p * d, 1);
      return Array.from({ length: this.shape[axis]! }, (_, i) =>
        build(axis + 1, offset + i * stride),
      );
    };
    return build(0, 0);
  }

  /** E.g. `Tensor(f32 [2, 3], grad) [0.1, 0.2, …]` — what a notebook shows for a tensor. */
  toString(): string {
    const shown = Array.from(this.data.subarray(0, 8), (v) => Number(v.toPrecision(6)));
    const more = this.size > 8 ? `, … ${this.size - 8} more` : "";
    return `Tensor(${this.dtype} [${this.shape.join(", ")}]${this.requiresGrad ? ", grad" : ""}) [${shown.join(", ")}${more}]`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  /** A leaf sharing no graph with this tensor (data copied). */
  detach(): Tensor {
    return new Tensor(this.data.slice(), this.shape, this.dtype);
  }

  /**
   * Add `g` (any float storage of the same size) into this tensor's gradient, rounding to its
   * dtype. `owned`: g is a fresh array nobody else holds, so it may become the gradient itself.
   */
  accumulateGrad(g: Storage, owned = false): void {
    if (!this.requiresGrad) return;
    if (this.grad === null) {
      if (owned && g instanceof Float64Array === (this.dtype === "f64")) this.grad = g;
      else {
        this.grad = allocate(this.dtype, this.size);
        this.grad.set(g);
      }
    } else {
      const acc = this.grad;
      for (let i = 0; i < acc.length; i++) acc[i] += g[i]!;
    }
    if (isHalf(this.dtype)) roundInPlace(this.grad, this.dtype);
  }

  /** Reverse-mode sweep from this tensor; a non-scalar output needs the seed gradient. */
  backward(seed?: Storage): void {
    if (!this.requiresGrad)
      throw new TensorError(
        "backward",
        "tensor does not require grad",
        "an output of ops on parameters",
      );
    if (seed === undefined && this.size !== 1)
      throw new TensorError(
        "backward",
        `implicit seed for shape [${this.shape}]`,
        "a scalar, or pass the seed gradient",
      );
    const order = topologicalOrder(this);
    // Intermediate results start from zero on every sweep (leaves accumulate across sweeps),
    // so a second backward through a shared subgraph does not count the first one again.
    for (const node of order) if (node.parents.length > 0) node.grad = null;
    const start = allocate(this.dtype, this.size);
    if (seed === undefined) start[0] = 1;
    else start.set(seed);
    this.accumulateGrad(start);
    for (let i = order.length - 1; i >= 0; i--) {
      const node = order[i]!;
      if (node.backwardFn !== null && node.grad !== null) node.backwardFn(node.grad);
    }
  }

  zeroGrad(): void {
    this.grad = null;
  }

  // Method forms of the ops, for chaining: x.matmul(w).relu().
  add(b: Operand): Tensor {
    return ew.add(this, b);
  }
  sub(b: Operand): Tensor {
    return ew.sub(this, b);
  }
  mul(b: Operand): Tensor {
    return ew.mul(this, b);
  }
  div(b: Operand): Tensor {
    return ew.div(this, b);
  }
  neg(): Tensor {
    return ew.neg(this);
  }
  exp(): Tensor {
    return ew.exp(this);
  }
  log(): Tensor {
    return ew.log(this);
  }
  relu(): Tensor {
    return ew.relu(this);
  }
  gelu(): Tensor {
    return ew.gelu(this);
  }
  tanh(): Tensor {
    return ew.tanh(this);
  }
  sqrt(): Tensor {
    return ew.sqrt(this);
  }
  pow(p: number): Tensor {
    return ew.pow(this, p);
  }
  sum(axis?: number, keepDims = false): Tensor {
    return red.sum(this, axis, keepDims);
  }
  mean(axis?: number, keepDims = false): Tensor {
    return red.mean(this, axis, keepDims);
  }
  max(axis?: number, keepDims = false): Tensor {
    return red.max(this, axis, keepDims);
  }
  logsumexp(axis = -1, keepDims = false): Tensor {
    return red.logsumexp(this, axis, keepDims);
  }
  matmul(b: Tensor): Tensor {
    return matmul(this, b);
  }
  reshape(shape: readonly number[]): Tensor {
    return view.reshape(this, shape);
  }
  transpose(a = -2, b = -1): Tensor {
    return view.transpose(this, a, b);
  }
  permute(axes: readonly number[]): Tensor {
    return view.permute(this, axes);
  }
  softmax(axis = -1): Tensor {
    return sm.softmax(this, axis);
  }
  logSoftmax(axis = -1): Tensor {
    return sm.logSoftmax(this, axis);
  }
  stablemax(axis = -1): Tensor {
    return stm.stablemax(this, axis);
  }
  logStablemax(axis = -1): Tensor {
    return stm.logStablemax(this, axis);
  }
  to(dtype: Dtype): Tensor {
    return cast(this, dtype);
  }
}

function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  const stack: [Tensor, number][] = [[root, 0]];
  seen.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const [node, next] = top;
    if (next < node.parents.length) {
      top[1] = next + 1;
      const p = node.parents[next]!;
      if (!seen.has(p) && p.requiresGrad) {
        seen.add(p);
        stack.push([p, 0]);
      }
    } else {
      order.push(node);
      stack.pop();
    }
  }
  return order;
}
