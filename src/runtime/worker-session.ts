// A Session in a worker thread. The host thread stays free while a cell runs, so a kernel
// can answer on its sockets and interrupt a cell that spins in a synchronous loop: the
// interrupt flag is shared memory that the cell's loop checks read with Atomics.
import { Worker } from "node:worker_threads";
import type { OutputSink } from "../display/sink.ts";
import type { ExecuteReply, ExpressionResult, SessionOptions } from "./session.ts";
import type { HostMessage, WorkerMessage } from "./worker-protocol.ts";

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

  constructor(options: Omit<SessionOptions, "interruptFlag"> = {}) {
    this.worker = new Worker(new URL("./worker-entry.js", import.meta.url), {
      workerData: { notebookDir: options.notebookDir, seed: options.seed, flag: this.flag.buffer },
    });
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (message: WorkerMessage) => {
        if (message.type === "ready") resolve();
      };
      this.worker.once("message", onMessage);
      this.worker.once("error", reject);
    });
    this.worker.on("message", (message: WorkerMessage) => this.receive(message));
    this.worker.on("error", (error) => this.failAll(error));
    this.worker.on("exit", (code) => {
      this.exited = true;
      this.failAll(new Error(`the session's worker exited (code ${code})`));
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
    await this.worker.terminate();
  }

  private request<T>(
    sink: OutputSink | undefined,
    message: (id: number) => HostMessage,
  ): Promise<T> {
    if (this.exited) return Promise.reject(new Error("the session's worker has exited"));
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
