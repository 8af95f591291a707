// What a user asks for (`FitSpec`) checked and turned into what the solver runs on
// (`Problem`): columns of inputs, the target in fitting space, starts and bounds in internal
// coordinates (log p for scale parameters). Every bad input fails here, naming the problem.
import { compileModel, symbolsOf } from "./expression.ts";
import type { CompiledModel } from "./expression.ts";
import { FitError } from "./errors.ts";
import type { CurveForm } from "./forms.ts";

export type Inputs = readonly number[] | Readonly<Record<string, readonly number[]>>;
export type Loss = "l2" | { huber: number };

export interface FitSpec {
  /**
   * A built-in form (`chinchilla`, …) or a mathjs expression. An expression's parameters are
   * its free symbols that are not inputs (nor pi, e); those without an `init` start at 1, as
   * scipy's curve_fit starts them.
   */
  model: CurveForm | string;
  /** One input (`number[]`, bound to the form's first input or to `x`) or several by name. */
  x: Inputs;
  y: readonly number[];
  /** Starting values; arrays make a grid and every combination is tried. */
  init?: Readonly<Record<string, number | readonly number[]>>;
  bounds?: Readonly<Record<string, readonly [number, number]>>;
  /** "log" (default) fits log y against log f, the standard for losses. */
  space?: "linear" | "log";
  /** "l2" (default) or Huber with threshold δ on the residuals in fitting space. */
  loss?: Loss;
  /** Per-point weights on the loss (default 1). */
  weights?: readonly number[];
  /** Extra parameters of an expression model to optimise as log p (must start > 0). */
  logParams?: readonly string[];
  /** LM iterations allowed per start (default 300). */
  maxIterations?: number;
  /** Stop when the objective improves by less than this fraction (default 1e-10). */
  tolerance?: number;
}

export interface Problem {
  model: CompiledModel;
  params: readonly string[];
  inputs: readonly string[];
  isLog: readonly boolean[];
  /** Input columns followed by the model's derived columns. */
  columns: Float64Array[];
  n: number;
  /** y, or log y in log space. */
  target: Float64Array;
  weights: Float64Array;
  space: "linear" | "log";
  huberDelta: number | undefined;
  /** Starts in internal coordinates. */
  starts: Float64Array[];
  lower: Float64Array;
  upper: Float64Array;
  maxIterations: number;
  tolerance: number;
}

const WHERE = "fitCurve";

export function prepareProblem(spec: FitSpec): Problem {
  const form = typeof spec.model === "string" ? undefined : spec.model;
  const expression = form ? form.expression : (spec.model as string);
  const y = checkNumbers(spec.y, `${WHERE}({y})`);
  const n = y.length;
  const columnsByName = inputColumns(spec.x, form, n);
  const inputs = Object.keys(columnsByName);
  const params = form ? [...form.params] : expressionParams(expression, inputs);
  if (!form) {
    // With parameters inferred, a misspelt input would silently become a parameter instead.
    const used = symbolsOf(expression);
    for (const name of inputs)
      if (!used.includes(name))
        throw new FitError(
          `input "${name}" is not used by the model "${expression}" (its other symbols, ${params.join(", ")}, are fitted as parameters)`,
          `${WHERE}({x, model})`,
          `a model that uses ${name}`,
        );
  }
  if (!form && params.length === 0) {
    throw new FitError(
      `the expression "${expression}" has no parameters`,
      `${WHERE}({model})`,
      `a symbol other than the inputs (${inputs.join(", ")}) to fit`,
    );
  }
  for (const name of params) {
    if (inputs.includes(name))
      throw new FitError(
        `"${name}" is both an input and a parameter`,
        `${WHERE}({x, init})`,
        "distinct names",
      );
  }
  if (!form) {
    for (const name of symbolsOf(expression)) {
      if (!params.includes(name) && !inputs.includes(name) && name !== "pi" && name !== "e") {
        throw new FitError(
          `unknown symbol "${name}" in model "${expression}"`,
          `${WHERE}({model})`,
          `an input (${inputs.join(", ")}) or a parameter with a value in init (${params.join(", ")})`,
        );
      }
    }
  }
  for (const key of Object.keys(spec.bounds ?? {})) {
    if (!params.includes(key))
      throw new FitError(
        `bounds given for unknown parameter "${key}"`,
        `${WHERE}({bounds})`,
        `one of ${params.join(", ")}`,
      );
  }
  for (const key of Object.keys(spec.init ?? {})) {
    if (!params.includes(key))
      throw new FitError(
        `init given for unknown parameter "${key}"`,
        `${WHERE}({init})`,
        `one of ${params.join(", ")}`,
      );
  }
  if (n < params.length) {
    throw new FitError(
      `${n} points for ${params.length} parameters`,
      `${WHERE}({y})`,
      "at least as many points as parameters",
    );
  }
  const logNames = new Set([...(form?.logParams ?? []), ...(spec.logParams ?? [])]);
  const isLog = params.map((p) => logNames.has(p));
  const space = spec.space ?? "log";
  const target = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (space === "log" && !(y[i]! > 0)) {
      throw new FitError(
        `y[${i}] = ${y[i]} is not positive, so log y is undefined`,
        `${WHERE}({y, space: "log"})`,
        `positive values, or space: "linear"`,
      );
    }
    target[i] = space === "log" ? Math.log(y[i]!) : y[i]!;
  }
  const weights = new Float64Array(n).fill(1);
  if (spec.weights !== undefined) {
    const w = checkNumbers(spec.weights, `${WHERE}({weights})`);
    if (w.length !== n)
      throw new FitError(
        `weights has ${w.length} entries but y has ${n}`,
        `${WHERE}({weights})`,
        "one weight per point",
      );
    w.forEach((v, i) => {
      if (!(v >= 0))
        throw new FitError(
          `weights[${i}] = ${v} is negative`,
          `${WHERE}({weights})`,
          "non-negative weights",
        );
      weights[i] = v;
    });
  }
  const huberDelta = typeof spec.loss === "object" ? spec.loss.huber : undefined;
  if (huberDelta !== undefined && !(huberDelta > 0)) {
    throw new FitError(
      `Huber threshold ${huberDelta} is not positive`,
      `${WHERE}({loss})`,
      "{ huber: δ } with δ > 0",
    );
  }
  const { lower, upper } = internalBounds(params, isLog, form?.bounds ?? {}, spec.bounds ?? {});
  const defaultInit = form ? (form.init ?? {}) : Object.fromEntries(params.map((p) => [p, [1]]));
  const starts = startGrid(params, isLog, spec.init ?? {}, defaultInit, lower, upper);
  const model = compileModel(expression, params, inputs);
  return {
    model,
    params,
    inputs,
    isLog,
    columns: model.columnsFor(
      inputs.map((name) => columnsByName[name]!),
      n,
    ),
    n,
    target,
    weights,
    space,
    huberDelta,
    starts,
    lower,
    upper,
    maxIterations: spec.maxIterations ?? 300,
    tolerance: spec.tolerance ?? 1e-10,
  };
}

/** Map user inputs to named columns, checking lengths and values. */
export function inputColumns(
  x: Inputs,
  form: CurveForm | undefined,
  n: number,
): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  if (Array.isArray(x)) {
    const name = form ? form.inputs[0]! : "x";
    if (form && form.inputs.length > 1) {
      throw new FitError(
        `model ${form.name} needs inputs ${form.inputs.join(", ")} but x is one array`,
        `${WHERE}({x})`,
        `x as { ${form.inputs.join(", ")} }`,
      );
    }
    out[name] = checkColumn(x as readonly number[], name, n);
    return out;
  }
  const record = x as Readonly<Record<string, readonly number[]>>;
  for (const name of form ? form.inputs : Object.keys(record)) {
    const column = record[name];
    if (column === undefined)
      throw new FitError(
        `input "${name}" is missing`,
        `${WHERE}({x})`,
        `x with keys ${form!.inputs.join(", ")}`,
      );
    out[name] = checkColumn(column, name, n);
  }
  return out;
}

function checkColumn(values: readonly number[], name: string, n: number): Float64Array {
  const column = checkNumbers(values, `${WHERE}({x.${name}})`);
  if (column.length !== n) {
    throw new FitError(
      `x.${name} has ${column.length} values but y has ${n}`,
      `${WHERE}({x.${name}})`,
      "one value per point (matching lengths)",
    );
  }
  return Float64Array.from(column);
}

function checkNumbers(values: readonly number[], where: string): readonly number[] {
  if (!Array.isArray(values) && !ArrayBuffer.isView(values))
    throw new FitError("not an array", where, "an array of numbers");
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new FitError(
        `value at index ${i} is ${String(v)}`,
        where,
        "finite numbers (no NaN or ±Infinity)",
      );
    }
  }
  return values;
}

function internalBounds(
  params: readonly string[],
  isLog: readonly boolean[],
  formBounds: Readonly<Record<string, readonly [number, number]>>,
  userBounds: Readonly<Record<string, readonly [number, number]>>,
): { lower: Float64Array; upper: Float64Array } {
  const lower = new Float64Array(params.length);
  const upper = new Float64Array(params.length);
  params.forEach((name, k) => {
    const [lo, hi] = userBounds[name] ?? formBounds[name] ?? [-Infinity, Infinity];
    if (!(lo <= hi))
      throw new FitError(
        `bounds of "${name}" are [${lo}, ${hi}]`,
        `${WHERE}({bounds})`,
        "[min, max] with min ≤ max",
      );
    lower[k] = isLog[k] ? (lo > 0 ? Math.log(lo) : -Infinity) : lo;
    upper[k] = isLog[k] ? Math.log(hi) : hi;
  });
  return { lower, upper };
}

/** An expression's parameters: its free symbols, in order of appearance, that are not inputs or constants. */
function expressionParams(expression: string, inputs: readonly string[]): string[] {
  // An init key the expression does not use is reported below as an unknown parameter.
  return symbolsOf(expression).filter(
    (name) => !inputs.includes(name) && name !== "pi" && name !== "e",
  );
}

function startGrid(
  params: readonly string[],
  isLog: readonly boolean[],
  userInit: Readonly<Record<string, number | readonly number[]>>,
  formInit: Readonly<Record<string, readonly number[]>>,
  lower: Float64Array,
  upper: Float64Array,
): Float64Array[] {
  const axes = params.map((name, k) => {
    const given = userInit[name] ?? formInit[name];
    if (given === undefined)
      throw new FitError(
        `no start value for parameter "${name}"`,
        `${WHERE}({init})`,
        `init.${name}`,
      );
    const values = typeof given === "number" ? [given] : [...given];
    if (values.length === 0)
      throw new FitError(`init.${name} is empty`, `${WHERE}({init})`, "at least one start value");
    return values.map((v) => {
      if (!Number.isFinite(v))
        throw new FitError(`init.${name} contains ${v}`, `${WHERE}({init})`, "finite start values");
      if (isLog[k] && !(v > 0))
        throw new FitError(
          `init.${name} = ${v} but "${name}" is a positive scale fitted as log ${name}`,
          `${WHERE}({init})`,
          "a positive start value",
        );
      const internal = isLog[k] ? Math.log(v) : v;
      return Math.min(Math.max(internal, lower[k]!), upper[k]!);
    });
  });
  let grid: number[][] = [[]];
  for (const axis of axes) grid = grid.flatMap((prefix) => axis.map((v) => [...prefix, v]));
  return grid.map((start) => Float64Array.from(start));
}
