// One Session per notebook or kernel: runs TypeScript cells against a persistent scope and
// turns what they do into Jupyter outputs. Pipeline per cell: transpile (esbuild) → rewrite
// (persistent declarations, interrupt checks, last value) → run (vm, in this realm, so
// values and classes are the same as in imported modules) → outputs through the sink.
import { Script } from "node:vm";
import type { IOutput } from "@jupyterlab/nbformat";
import { installSink, type OutputSink } from "../display/sink.ts";
import { displayedAlready, loadDisplayApi, mimeBundleOf, type DisplayApi } from "./bundle.ts";
import { captureConsole } from "./capture.ts";
import { KeyboardInterrupt } from "./errors.ts";
import { ModuleLoader } from "./modules.ts";
import { rewriteCell } from "./rewrite.ts";
import { rng, type Rng } from "./rng.ts";
import { addDisplayGlobals, createScope, declareNames, type Scope } from "./scope.ts";
import {
  composeMaps,
  errorContent,
  mapStackText,
  type CellRecord,
  type ErrorContent,
} from "./traceback.ts";
import { transpileCell } from "./transpile.ts";

/** Library loops call the check under this key (src/data/interrupt.ts): the cells' tick. */
const INTERRUPT_CHECK = Symbol.for("tsnb.interrupt-check");

export interface SessionOptions {
  /** Folder that relative imports resolve from (the notebook's folder); default: cwd. */
  notebookDir?: string;
  /** Seed of `Math.random` inside cells (`metadata.tsnb.seed`); default 0. */
  seed?: number;
  /** Shared interrupt flag (index 0); the worker host passes one it can set from outside. */
  interruptFlag?: Int32Array;
}

export type ExecuteReply = { status: "ok" } | ({ status: "error" } & ErrorContent);

export type ExpressionResult =
  | { status: "ok"; data: Record<string, unknown>; metadata: Record<string, unknown> }
  | ({ status: "error" } & ErrorContent);

type CellFunction = (scope: Scope, runtime: CellRuntime) => Promise<{ value: unknown } | undefined>;

interface CellRuntime {
  import(specifier: string, options?: unknown): Promise<Record<string, unknown>>;
  importMeta: { url: string; resolve(specifier: string): string };
  tick(): void;
}

let sessionCounter = 0;

/** A namespace object as `import * as` gives one: null prototype, frozen, tagged "Module". */
function moduleNamespace(exports: object): Record<string, unknown> {
  const namespace = Object.create(null) as Record<string | symbol, unknown>;
  for (const [name, value] of Object.entries(exports)) namespace[name] = value;
  Object.defineProperty(namespace, Symbol.toStringTag, { value: "Module" });
  return Object.freeze(namespace) as Record<string, unknown>;
}

export class Session {
  readonly scope: Scope;
  readonly notebookDir: string;
  private readonly id = ++sessionCounter;
  private readonly flag: Int32Array;
  private readonly loader: ModuleLoader;
  private readonly runtime: CellRuntime;
  private readonly random: Rng;
  private readonly cells = new Map<string, CellRecord>();
  private sink: OutputSink | undefined;
  private cellCount = 0;
  private abort: ((error: Error) => void) | undefined;
  private running = false;
  private readonly display: Promise<DisplayApi>;

  constructor(options: SessionOptions = {}) {
    this.notebookDir = options.notebookDir ?? process.cwd();
    this.flag = options.interruptFlag ?? new Int32Array(new SharedArrayBuffer(4));
    this.random = rng(options.seed ?? 0);
    // `import * as Plot from "@observablehq/plot"` gets the same Node-ready Plot as the global.
    this.loader = new ModuleLoader(this.notebookDir, {
      "@observablehq/plot": async () => moduleNamespace((await this.display).Plot as object),
    });
    const flag = this.flag;
    const loader = this.loader;
    this.runtime = {
      import: (specifier, importOptions) => loader.import(specifier, importOptions),
      importMeta: {
        url: new URL("notebook.ts", loader.baseUrl).href,
        resolve: (specifier) => loader.resolve(specifier),
      },
      tick() {
        if (Atomics.load(flag, 0) !== 0) throw new KeyboardInterrupt();
      },
    };
    this.scope = createScope(captureConsole(() => this.sink, console));
    this.display = loadDisplayApi().then((api) => {
      addDisplayGlobals(this.scope, api);
      return api;
    });
    this.display.catch(() => {}); // reported by the first execute
  }

  /** Runs one cell. Outputs go to `sink`; the reply says whether it raised. */
  async execute(
    code: string,
    sink: OutputSink,
    options: { executionCount?: number } = {},
  ): Promise<ExecuteReply> {
    if (this.running) throw new Error("Session.execute: a cell is already running in this session");
    this.running = true;
    const n = ++this.cellCount;
    const executionCount = options.executionCount ?? n;
    const record: CellRecord = { label: `cell[${executionCount}]`, source: code };
    Atomics.store(this.flag, 0, 0);
    const display = await this.display;
    sink = this.mappingStacks(sink);
    const restore = this.enter(sink);
    try {
      const value = await this.run(code, record, n);
      if (
        value !== undefined &&
        value.value !== undefined &&
        !displayedAlready(display, value.value)
      ) {
        const { data, metadata } = mimeBundleOf(display, value.value);
        sink.emit({
          output_type: "execute_result",
          execution_count: executionCount,
          data,
          metadata,
        } as IOutput);
      }
      return { status: "ok" };
    } catch (error) {
      const content = errorContent(error, this.cells, record);
      sink.emit({ output_type: "error", ...content });
      return { status: "error", ...content };
    } finally {
      restore();
      this.running = false;
    }
  }

  /** `user_expressions`: each expression evaluated in the session scope, as a MIME bundle. */
  async evaluate(expressions: Record<string, string>): Promise<Record<string, ExpressionResult>> {
    const display = await this.display;
    const results: Record<string, ExpressionResult> = {};
    for (const [name, expression] of Object.entries(expressions)) {
      const silent: OutputSink = { emit() {}, update() {}, clear() {}, interactive: false };
      const record: CellRecord = { label: `user_expressions[${name}]`, source: expression };
      const restore = this.enter(silent);
      try {
        const value = await this.run(`(${expression})`, record, ++this.cellCount);
        results[name] = { status: "ok", ...mimeBundleOf(display, value?.value) };
      } catch (error) {
        results[name] = { status: "error", ...errorContent(error, this.cells, record) };
      } finally {
        restore();
      }
    }
    return results;
  }

  /** Resolves once the display layer is loaded, so the first cell starts at once. */
  async loaded(): Promise<void> {
    await this.display;
  }

  /** True while a cell (or a user expression) runs. */
  get busy(): boolean {
    return this.abort !== undefined;
  }

  /**
   * Ends the running cell with `error` as its exception (a callback that failed after its own
   * cell returned, an await nothing can settle). False when no cell is running.
   */
  fail(error: Error): boolean {
    if (this.abort === undefined) return false;
    this.abort(error);
    return true;
  }

  /** `error` as a Jupyter error output, its frames mapped to the cells that ran. */
  errorOutput(error: unknown): ErrorContent {
    return errorContent(error, this.cells);
  }

  /** Stops the running cell with a KeyboardInterrupt; the scope keeps everything set so far. */
  interrupt(): void {
    Atomics.store(this.flag, 0, 1);
    this.abort?.(new KeyboardInterrupt());
  }

  async dispose(): Promise<void> {
    this.interrupt();
  }

  private async run(
    code: string,
    record: CellRecord,
    n: number,
  ): Promise<{ value: unknown } | undefined> {
    const filename = `tsnb-cell-${this.id}-${n}.ts`;
    this.cells.set(filename, record);
    const js = transpileCell(code, filename);
    const cell = rewriteCell(js.code, filename);
    record.trace = composeMaps(cell.map, js.map);
    const fn = new Script(cell.code, { filename }).runInThisContext() as CellFunction;
    declareNames(this.scope, cell.declared);
    const interrupted = new Promise<never>((_, reject) => (this.abort = reject));
    interrupted.catch(() => {});
    try {
      return await Promise.race([fn(this.scope, this.runtime), interrupted]);
    } finally {
      this.abort = undefined;
    }
  }

  /** `sink` with stack traces in its text outputs mapped to the cells (see mapStackText). */
  private mappingStacks(sink: OutputSink): OutputSink {
    const map = (text: unknown) =>
      typeof text === "string" ? mapStackText(text, this.cells) : text;
    return {
      interactive: sink.interactive,
      emit: (output) => {
        if (output.output_type === "stream")
          output = { ...output, text: map(output.text) as string };
        else if (output.data && typeof output.data === "object") {
          const data = output.data as Record<string, unknown>;
          if (typeof data["text/plain"] === "string")
            output = {
              ...output,
              data: { ...data, "text/plain": map(data["text/plain"]) },
            } as IOutput;
        }
        sink.emit(output);
      },
      update: (id, data, metadata) =>
        sink.update(
          id,
          typeof data["text/plain"] === "string"
            ? { ...data, "text/plain": map(data["text/plain"]) as string }
            : data,
          metadata,
        ),
      clear: (wait) => sink.clear(wait),
      ...(sink.input
        ? { input: (prompt: string, password: boolean) => sink.input!(prompt, password) }
        : {}),
    };
  }

  /** Routes output, console and Math.random to this session while one of its cells runs. */
  private enter(sink: OutputSink): () => void {
    this.sink = sink;
    const restoreSink = installSink(sink);
    const previousConsole = globalThis.console;
    const previousRandom = Math.random;
    const hooks = globalThis as { [INTERRUPT_CHECK]?: () => void };
    const previousCheck = hooks[INTERRUPT_CHECK];
    globalThis.console = this.scope.console as Console;
    Math.random = this.random;
    hooks[INTERRUPT_CHECK] = this.runtime.tick;
    return () => {
      hooks[INTERRUPT_CHECK] = previousCheck;
      Math.random = previousRandom;
      globalThis.console = previousConsole;
      restoreSink();
    };
  }
}
