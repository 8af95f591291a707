// A Session in a worker thread. The host thread stays free while a cell runs, so a kernel
// can answer on its sockets and interrupt a cell that spins in a synchronous loop: the
// interrupt flag is shared memory that the cell's loop checks read with Atomics. The worker
// also bounds what a cell can do to its host: its heap has a limit, and a cell that exits the
// thread or runs out of memory ends the session with a SessionLostError naming why.
import { Worker } from "node:worker_threads";
import type { ErrorContent } from "./traceback.ts";
import type { OutputSink } from "../display/sink.ts";
import type { ExecuteReply, ExpressionResult, SessionOptions } from "./session.ts";
import type { HostMessage, WorkerMessage } from "./worker-protocol.ts";

export interface WorkerSessionOptions extends Omit<SessionOptions, "interruptFlag"> {
  /** Heap limit of the cell thread in MiB (V8's old generation); default: V8's own. */
  maxMemoryMb?: number;
  /** A callback failed while no cell ran: its error, and the sink of the last cell. */
  onLateError?: (error: ErrorContent, sink: OutputSink | undefined) => void;
}

/** Why the session's worker is gone: the cell called process.exit, ran out of memory, or crashed. */
export class SessionLostError extends Error {
  constructor(
    readonly reason: "exit" | "memory" | "crash",
    message: string,
    readonly exitCode?: number,
  ) {
    super(message);
    this.name =
      reason === "memory" ? "MemoryError" : reason === "exit" ? "ProcessExit" : "SessionLost";
  }
}

interface Pending {
  sink?: OutputSink;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export class WorkerSession {
  readonly ready: Promise<void>;
  private readonly worker: Worker;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private exited = false;
  private failure: Error | undefined;
  private lastSink: OutputSink | undefined;
  private readonly maxMemoryMb: number | undefined;

  constructor(private readonly options: WorkerSessionOptions = {}) {
    this.maxMemoryMb = options.maxMemoryMb;
    this.worker = new Worker(new URL("./worker-entry.js", import.meta.url), {
      workerData: { notebookDir: options.notebookDir, seed: options.seed, flag: this.flag.buffer },
      ...(options.maxMemoryMb
        ? { resourceLimits: { maxOldGenerationSizeMb: options.maxMemoryMb } }
        : {}),
    });
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (message: WorkerMessage) => {
        if (message.type === "ready") resolve();
      };
      this.worker.once("message", onMessage);
      this.worker.once("error", reject);
    });
    this.worker.on("message", (message: WorkerMessage) => this.receive(message));
    this.worker.on("error", (error: Error & { code?: string }) => {
      this.failure =
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? new SessionLostError(
              "memory",
              `the cell ran out of memory: its thread reached the heap limit` +
                (this.maxMemoryMb ? ` of ${this.maxMemoryMb} MiB` : "") +
                ` and was stopped; the notebook's state is gone`,
            )
          : new SessionLostError("crash", `the session's thread crashed: ${error.message}`);
    });
    this.worker.on("exit", (code) => {
      this.exited = true;
      this.failAll(
        this.failure ??
          new SessionLostError(
            "exit",
            `the cell called process.exit(${code}), which ends the notebook's session`,
            code,
          ),
      );
    });
  }

  async execute(
    code: string,
    sink: OutputSink,
    options: { executionCount?: number } = {},
  ): Promise<ExecuteReply> {
    await this.ready;
    return this.request<ExecuteReply>(sink, (id) => ({
      type: "execute",
      id,
      code,
      executionCount: options.executionCount,
      interactive: sink.interactive,
      allowStdin: typeof sink.input === "function",
    }));
  }

  async evaluate(expressions: Record<string, string>): Promise<Record<string, ExpressionResult>> {
    await this.ready;
    return this.request(undefined, (id) => ({ type: "evaluate", id, expressions }));
  }

  interrupt(): void {
    Atomics.store(this.flag, 0, 1);
    if (!this.exited) this.post({ type: "interrupt" });
  }

  async dispose(): Promise<void> {
    if (this.exited) return;
    this.failure ??= new SessionLostError("crash", "the session was stopped");
    await this.worker.terminate();
  }

  /** Why the session ended, once it has (undefined while it lives). */
  get lost(): Error | undefined {
    return this.exited ? this.failure : undefined;
  }

  private request<T>(
    sink: OutputSink | undefined,
    message: (id: number) => HostMessage,
  ): Promise<T> {
    if (this.exited)
      return Promise.reject(this.failure ?? new Error("the session's worker has exited"));
    if (sink) this.lastSink = sink;
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { sink, resolve: resolve as (value: unknown) => void, reject });
      this.post(message(id));
    });
  }

  private post(message: HostMessage): void {
    this.worker.postMessage(message);
  }

  private receive(message: WorkerMessage): void {
    if (message.type === "ready") return;
    if (message.type === "late-error") {
      this.lastSink?.emit({ output_type: "error", ...message.error });
      this.options.onLateError?.(message.error, this.lastSink);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    const sink = pending.sink;
    switch (message.type) {
      case "output":
        sink?.emit(message.output);
        break;
      case "update":
        sink?.update(message.displayId, message.data, message.metadata);
        break;
      case "clear":
        sink?.clear(message.wait);
        break;
      case "input": {
        const ask = sink?.input;
        const reply = (value?: string, error?: string) =>
          this.post({ type: "input-reply", inputId: message.inputId, value, error });
        if (!ask) reply(undefined, "input() needs a front end with stdin (allow_stdin)");
        else
          ask(message.prompt, message.password).then(
            (value) => reply(value),
            (error: Error) => reply(undefined, error.message),
          );
        break;
      }
      case "done":
        this.pending.delete(message.id);
        pending.resolve(message.reply);
        break;
      case "evaluated":
        this.pending.delete(message.id);
        pending.resolve(message.results);
        break;
    }
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
