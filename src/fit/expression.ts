// A model expression ("E + A * N^(-alpha)") compiled once: mathjs parses it and gives the
// analytic partial derivatives (math.derivative); the trees are then emitted as one plain JS
// loop that fills predictions and the Jacobian for every point, because evaluating mathjs
// trees point by point is ~100× too slow for Hoffmann's 4,500-start grid. Subexpressions of
// inputs alone (log N, …) are computed once per data set ("derived columns"), and a power
// input^(parameters) becomes exp(parameters · log input), one exp instead of a pow per point.
import { createRequire } from "node:module";
import type * as MathJs from "mathjs";
import type { MathNode } from "mathjs";
import { FitError } from "./errors.ts";

/** Fills `out[i]` = f(p; x_i) and `jac[i * P + k]` = ∂f/∂p_k for i < n. */
export type CompiledKernel = (
  p: Float64Array,
  columns: readonly Float64Array[],
  n: number,
  out: Float64Array,
  jac: Float64Array | null,
) => void;

export interface CompiledModel {
  expression: string;
  params: readonly string[];
  inputs: readonly string[];
  /** Input columns plus the derived ones the kernel reads (compute once per data set). */
  columnsFor(inputs: readonly Float64Array[], n: number): Float64Array[];
  kernel: CompiledKernel;
}

// mathjs takes about half a second to load: it is required on the first compiled expression,
// not when a notebook imports "tsnb".
let loaded: typeof MathJs | undefined;
function mathjs(): typeof MathJs {
  loaded ??= createRequire(import.meta.url)("mathjs") as typeof MathJs;
  return loaded;
}

const FUNCTIONS: Record<string, string> = {
  exp: "Math.exp",
  log: "Math.log",
  sqrt: "Math.sqrt",
  abs: "Math.abs",
  log10: "Math.log10",
  log2: "Math.log2",
  log1p: "Math.log1p",
  expm1: "Math.expm1",
  tanh: "Math.tanh",
  sin: "Math.sin",
  cos: "Math.cos",
  min: "Math.min",
  max: "Math.max",
  pow: "Math.pow",
};
const OPERATORS: Record<string, string> = { add: "+", subtract: "-", multiply: "*", divide: "/" };
const CONSTANTS: Record<string, string> = { pi: "Math.PI", e: "Math.E" };

const cache = new Map<string, CompiledModel>();

/** Compile `expression` for the given parameter and input names (cached by all three). */
export function compileModel(
  expression: string,
  params: readonly string[],
  inputs: readonly string[],
): CompiledModel {
  const key = `${expression}\u0000${params.join(",")}\u0000${inputs.join(",")}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let tree: MathNode;
  try {
    tree = mathjs().parse(expression);
  } catch (e) {
    throw new FitError(
      `cannot parse model expression "${expression}": ${(e as Error).message}`,
      "fitCurve({model})",
      'a mathjs expression such as "E + A * N^(-alpha)"',
    );
  }
  const where = `model "${expression}"`;
  const derived = new Temporaries("d");
  const valueTemps = new Temporaries("t");
  const jacTemps = new Temporaries("u", valueTemps);
  const context = (temps: Temporaries): EmitContext => ({
    params: new Set(params),
    inputs: new Set(inputs),
    where,
    temps,
    derived,
  });
  const value = emitNode(tree, context(valueTemps)).code;
  const partials = params.map(
    (name) => emitNode(mathjs().derivative(tree, name), context(jacTemps)).code,
  );
  const P = params.length;
  const readInputs = inputs.map((name, j) => `const c_${name} = columns[${j}];`);
  const readDerived = derived
    .names()
    .map((name, j) => `const c_${name} = columns[${inputs.length + j}];`);
  const kernelBody = [
    ...params.map((name, k) => `const v_${name} = p[${k}];`),
    ...readInputs,
    ...readDerived,
    "for (let i = 0; i < n; i++) {",
    ...inputs.map((name) => `  const v_${name} = c_${name}[i];`),
    ...derived.names().map((name) => `  const ${name} = c_${name}[i];`),
    ...valueTemps.lines.map((line) => `  ${line}`),
    `  out[i] = ${value};`,
    "  if (jac !== null) {",
    ...jacTemps.lines.map((line) => `    ${line}`),
    ...partials.map((src, k) => `    jac[i * ${P} + ${k}] = ${src};`),
    "  }",
    "}",
  ].join("\n");
  const deriveBody = [
    ...readInputs,
    ...derived.names().map((name) => `const c_${name} = new Float64Array(n);`),
    "for (let i = 0; i < n; i++) {",
    ...inputs.map((name) => `  const v_${name} = c_${name}[i];`),
    ...derived.lines.map((line) => `  ${line}`),
    ...derived.names().map((name) => `  c_${name}[i] = ${name};`),
    "}",
    `return [${derived
      .names()
      .map((name) => `c_${name}`)
      .join(", ")}];`,
  ].join("\n");
  const kernel = new Function("p", "columns", "n", "out", "jac", kernelBody) as CompiledKernel;
  const derive = new Function("columns", "n", deriveBody) as (
    columns: readonly Float64Array[],
    n: number,
  ) => Float64Array[];
  const model: CompiledModel = {
    expression,
    params,
    inputs,
    kernel,
    columnsFor: (columns, n) => [...columns, ...derive(columns, n)],
  };
  cache.set(key, model);
  return model;
}

/** Every symbol (not function name) an expression uses, for validation before compiling. */
export function symbolsOf(expression: string): string[] {
  const names = new Set<string>();
  mathjs()
    .parse(expression)
    .traverse((node, _path, parent) => {
      if (node.type !== "SymbolNode") return;
      const isCallee =
        parent?.type === "FunctionNode" && (parent as MathJs.FunctionNode).fn === node;
      if (!isCallee) names.add((node as MathJs.SymbolNode).name);
    });
  return [...names];
}

/** Common subexpressions of one loop body; a child set sees its parent's names. */
class Temporaries {
  readonly lines: string[] = [];
  private readonly byCode = new Map<string, string>();
  constructor(
    private readonly prefix: string,
    private readonly parent?: Temporaries,
  ) {}
  bind(code: string): string {
    const existing = this.parent?.lookup(code) ?? this.byCode.get(code);
    if (existing !== undefined) return existing;
    const name = `${this.prefix}${this.byCode.size}`;
    this.byCode.set(code, name);
    this.lines.push(`const ${name} = ${code};`);
    return name;
  }
  lookup(code: string): string | undefined {
    return this.byCode.get(code);
  }
  names(): string[] {
    return [...this.byCode.values()];
  }
}

interface EmitContext {
  params: Set<string>;
  inputs: Set<string>;
  where: string;
  /** Per-point temporaries that depend on parameters. */
  temps: Temporaries;
  /** Temporaries of inputs alone, hoisted into derived columns. */
  derived: Temporaries;
}

/** JS source of a node, and whether it depends on inputs and constants only. */
interface Emitted {
  code: string;
  inputOnly: boolean;
}

function bindIn(context: EmitContext, code: string, inputOnly: boolean): Emitted {
  return { code: (inputOnly ? context.derived : context.temps).bind(code), inputOnly };
}

function emitNode(node: MathNode, context: EmitContext): Emitted {
  const { where } = context;
  switch (node.type) {
    case "ConstantNode": {
      const value = (node as MathJs.ConstantNode).value;
      if (typeof value !== "number")
        throw new FitError(`constant ${String(value)} is not a number`, where, "numeric constants");
      return { code: `(${value})`, inputOnly: true };
    }
    case "SymbolNode": {
      const name = (node as MathJs.SymbolNode).name;
      if (context.params.has(name)) return { code: `v_${name}`, inputOnly: false };
      if (context.inputs.has(name)) return { code: `v_${name}`, inputOnly: true };
      if (name in CONSTANTS) return { code: CONSTANTS[name]!, inputOnly: true };
      throw new FitError(
        `unknown symbol "${name}"`,
        where,
        `an input (${[...context.inputs].join(", ") || "none"}) or a parameter with a value in init (${[...context.params].join(", ") || "none"})`,
      );
    }
    case "ParenthesisNode":
      return emitNode((node as MathJs.ParenthesisNode).content, context);
    case "OperatorNode": {
      const op = node as MathJs.OperatorNode;
      const args = op.args.map((a) => emitNode(a, context));
      const inputOnly = args.every((a) => a.inputOnly);
      if (op.fn === "unaryMinus") return { code: `(-${args[0]!.code})`, inputOnly };
      if (op.fn === "unaryPlus") return args[0]!;
      if (op.fn === "pow" && args.length === 2) {
        const [base, exponent] = args as [Emitted, Emitted];
        if (base.inputOnly && !exponent.inputOnly) {
          // input^(θ…) = exp(θ… · log input): the log is computed once per data set.
          const logBase = bindIn(context, `Math.log(${base.code})`, true);
          return bindIn(context, `Math.exp(${exponent.code} * ${logBase.code})`, false);
        }
        return bindIn(context, `(${base.code} ** ${exponent.code})`, inputOnly);
      }
      const symbol = OPERATORS[op.fn];
      if (symbol === undefined || args.length !== 2)
        throw new FitError(`unsupported operator "${op.op}"`, where, "+ - * / ^");
      return { code: `(${args[0]!.code} ${symbol} ${args[1]!.code})`, inputOnly };
    }
    case "FunctionNode": {
      const fn = node as MathJs.FunctionNode;
      const name = fn.fn.name;
      const args = fn.args.map((a) => emitNode(a, context));
      const inputOnly = args.every((a) => a.inputOnly);
      if (name === "log" && args.length === 2) {
        return bindIn(
          context,
          `(Math.log(${args[0]!.code}) / Math.log(${args[1]!.code}))`,
          inputOnly,
        );
      }
      const js = FUNCTIONS[name];
      if (js === undefined)
        throw new FitError(
          `unknown function "${name}"`,
          where,
          `one of ${Object.keys(FUNCTIONS).join(", ")}`,
        );
      return bindIn(context, `${js}(${args.map((a) => a.code).join(", ")})`, inputOnly);
    }
    default:
      throw new FitError(
        `unsupported syntax (${node.type})`,
        where,
        "arithmetic, powers and functions",
      );
  }
}
