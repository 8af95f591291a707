// The kernel's message loop, independent of sockets: frames come in through `receive`, frames
// go out through the `send` callback. Shell requests run one at a time in arrival order;
// control requests run beside them (so interrupt_request reaches a busy kernel); every request
// is wrapped in iopub status busy/idle with the request as parent (messaging spec 5.3,
// "Kernel status"). Undecodable or forged frames are logged and dropped, never executed.
import { randomUUID } from "node:crypto";
import type { Handler, KernelContext, KernelLanguageTools } from "./handler.ts";
import { handlers as defaultHandlers } from "./handlers/index.ts";
import type { HistoryEntry } from "./history.ts";
import type { Logger } from "./protocol/log.ts";
import { makeHeader, type JsonObject, type Message } from "./protocol/message.ts";
import type { Signer } from "./protocol/sign.ts";
import type { OutChannel } from "./protocol/sockets.ts";
import { SignatureHistory } from "./protocol/replay.ts";
import { InputInterruptedError, PendingInput } from "./stdin.ts";
import { decodeFrames, encodeMessage } from "./protocol/wire.ts";
import type { KernelSession } from "./session.ts";

export interface KernelOptions {
  session: KernelSession;
  signer: Signer;
  send: (channel: OutChannel, frames: Buffer[]) => Promise<void> | void;
  log: Logger;
  handlers?: Readonly<Record<string, Handler>>;
  /** Loads the language tools (lazily: the TypeScript compiler is big). */
  loadLanguage?: () => Promise<KernelLanguageTools>;
  /** Called after the shutdown_reply went out and the session was disposed. */
  onShutdown?: (restart: boolean) => void;
  /**
   * Load the language tools in the background once the kernel has sat idle this long after a
   * cell ran — a user reading or typing — so the first Tab completion does not wait for the
   * compiler. Never at start, and never for a client that runs cells back to back (nbconvert).
   */
  warmLanguageAfterIdleMs?: number;
  /**
   * Start loading the language tools (in their worker thread) as soon as the kernel starts,
   * and warm them with a first completion, so the first Tab of a session is answered within
   * JupyterLab's 1 s completer timeout. Type warnings still wait for interactive use (a
   * completion or inspection request, or the idle warm-up), so nbconvert runs are unchanged.
   */
  preloadLanguage?: boolean;
  /** Show a cell's type errors as a warning before it runs, once the language tools are loaded (default true). */
  typeWarnings?: boolean;
  /** How long a cell waits for its type check before running without it (default 2000 ms). */
  typeCheckLimitMs?: number;
}

type InChannel = "shell" | "control" | "stdin";

export class Kernel implements KernelContext {
  readonly session: KernelSession;
  readonly log: Logger;
  readonly history: HistoryEntry[] = [];
  readonly executedCells: string[] = [];
  executionCount = 0;
  /** The kernel's own session id, put in every header it sends. */
  readonly sessionId = randomUUID();

  private readonly options: KernelOptions;
  private readonly handlers: Readonly<Record<string, Handler>>;
  private readonly queues: Record<"shell" | "control", Message[]> = { shell: [], control: [] };
  private readonly running: Record<"shell" | "control", boolean> = { shell: false, control: false };
  private abortRequested = false;
  private shutdownRequested: { restart: boolean } | undefined;
  private stopped = false;
  private readonly pendingInput = new PendingInput();
  private languageTools: Promise<KernelLanguageTools> | undefined;
  private loadedTools: KernelLanguageTools | undefined;
  /** Completions waiting for the language tools, told to give up when a cell is queued. */
  private readonly executeWaiters = new Set<() => void>();
  private idleWaiters: (() => void)[] = [];
  private readonly signatures = new SignatureHistory();
  private warmTimer: NodeJS.Timeout | undefined;
  private executedOnce = false;
  /** A front end asked for completion or inspection, or the user sat idle: type warnings are on. */
  private interactive = false;

  constructor(options: KernelOptions) {
    this.options = options;
    this.session = options.session;
    this.log = options.log;
    this.handlers = options.handlers ?? defaultHandlers;
    if (options.preloadLanguage) setImmediate(() => this.preload());
  }

  private preload(): void {
    if (this.stopped || this.options.loadLanguage === undefined) return;
    this.log("debug", "start: loading the language tools in the background");
    const started = performance.now();
    // A member completion over a cell that ran: the checker binds the libraries and tsnb's
    // globals now, so the user's first one only checks their own code.
    void this.loadLanguageTools()
      .then((tools) => tools.complete(["const warm = [0];"], "warm.", 5))
      .then(() =>
        this.log(
          "info",
          `language tools ready ${Math.round(performance.now() - started)} ms after start (preloaded)`,
        ),
      )
      .catch((error: Error) =>
        this.log("warn", `background load of the language tools failed: ${error.message}`),
      );
  }

  /** Entry point for one multipart message from a ROUTER socket. */
  receive(channel: InChannel, frames: readonly Uint8Array[]): void {
    if (this.stopped) return;
    const decoded = decodeFrames(frames, this.options.signer);
    if (!decoded.ok) {
      this.log("warn", `dropped a message on ${channel}: ${decoded.reason}`);
      return;
    }
    if (!this.signatures.record(decoded.signature)) {
      this.log("warn", `dropped a message on ${channel}: duplicate signature (a replayed message)`);
      return;
    }
    const message = decoded.message;
    this.log("debug", `${channel} ← ${message.header.msg_type} ${message.header.msg_id}`);
    if (channel === "stdin") return this.pendingInput.answer(message, this.log);
    clearTimeout(this.warmTimer);
    if (message.header.msg_type === "execute_request") this.executedOnce = true;
    this.queues[channel].push(message);
    if (message.header.msg_type === "execute_request")
      for (const giveUp of [...this.executeWaiters]) giveUp();
    void this.pump(channel);
  }

  publish(msg_type: string, content: JsonObject, parent: Message, metadata: JsonObject = {}): void {
    this.emit("iopub", {
      identities: [Buffer.from(`kernel.${this.sessionId}.${msg_type}`)],
      header: makeHeader(msg_type, this.sessionId),
      parent_header: parent.header,
      metadata,
      content,
    });
  }

  requestInput(parent: Message, prompt: string, password: boolean): Promise<string> {
    return this.pendingInput.ask(() =>
      this.emit("stdin", {
        identities: parent.identities,
        header: makeHeader("input_request", this.sessionId),
        parent_header: parent.header,
        metadata: {},
        content: { prompt, password },
      }),
    );
  }

  /** The language tools for a completion or inspection: loads them if need be, and turns type warnings on. */
  language(): Promise<KernelLanguageTools> {
    this.interactive = true;
    return this.loadLanguageTools();
  }

  /**
   * `work` (a completion, an inspection), or undefined if an execute_request queues before it
   * settles: shell requests are answered in order, so a Tab pressed while the TypeScript
   * service still loads (seconds, on a busy machine) must not hold up the cell the user runs
   * next. The work goes on in the background (it warms the service); its answer is dropped.
   */
  unlessExecuteWaits<T>(work: Promise<T>): Promise<T | undefined> {
    if (this.executeQueued()) {
      work.catch(() => {});
      return Promise.resolve(undefined);
    }
    return new Promise((resolve, reject) => {
      const giveUp = () => resolve(undefined);
      this.executeWaiters.add(giveUp);
      work.then(resolve, reject).finally(() => this.executeWaiters.delete(giveUp));
    });
  }

  private executeQueued(): boolean {
    return this.queues.shell.some((message) => message.header.msg_type === "execute_request");
  }

  private loadLanguageTools(): Promise<KernelLanguageTools> {
    if (this.languageTools === undefined) {
      const load = this.options.loadLanguage;
      if (load === undefined)
        return Promise.reject(new Error("language tools are not available in this kernel"));
      const loading = load();
      this.languageTools = loading;
      loading.then(
        (tools) => {
          if (this.languageTools === loading) this.loadedTools = tools;
        },
        // A failed load is retried on the next request rather than cached forever.
        () => (this.languageTools = undefined),
      );
    }
    return this.languageTools;
  }

  get typeCheck(): { enabled: boolean; limitMs: number } {
    return {
      enabled: this.options.typeWarnings !== false,
      limitMs: this.options.typeCheckLimitMs ?? 2000,
    };
  }

  loadedLanguage(): KernelLanguageTools | undefined {
    return this.interactive ? this.loadedTools : undefined;
  }

  abortQueued(): void {
    this.abortRequested = true;
  }

  interrupt(): void {
    this.session.interrupt();
    this.pendingInput.cancel(new InputInterruptedError());
  }

  shutdown(restart: boolean): void {
    this.shutdownRequested = { restart };
  }

  /** Resolves when no request is running or queued (tests and the launcher use it). */
  whenIdle(): Promise<void> {
    if (!this.running.shell && !this.running.control) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async pump(channel: "shell" | "control"): Promise<void> {
    if (this.running[channel]) return;
    this.running[channel] = true;
    try {
      for (
        let message = this.queues[channel].shift();
        message !== undefined;
        message = this.queues[channel].shift()
      ) {
        if (this.stopped) break;
        await this.dispatch(channel, message);
        if (this.abortRequested) {
          this.abortRequested = false;
          await this.abortQueue();
        }
        if (this.shutdownRequested !== undefined) {
          await this.stop(this.shutdownRequested.restart);
          break;
        }
      }
    } finally {
      this.running[channel] = false;
      if (!this.running.shell && !this.running.control) {
        for (const resolve of this.idleWaiters.splice(0)) resolve();
        this.scheduleWarmUp();
      }
    }
  }

  private scheduleWarmUp(): void {
    const after = this.options.warmLanguageAfterIdleMs;
    if (after === undefined || !this.executedOnce || this.interactive || this.stopped) return;
    clearTimeout(this.warmTimer);
    this.warmTimer = setTimeout(() => {
      this.log("debug", "idle: loading the language tools in the background");
      void this.language()
        .then((tools) => tools.complete(this.executedCells, "", 0))
        .catch((error: Error) =>
          this.log("warn", `background load of the language tools failed: ${error.message}`),
        );
    }, after);
    this.warmTimer.unref();
  }

  private async dispatch(channel: "shell" | "control", request: Message): Promise<void> {
    const msg_type = request.header.msg_type;
    this.publish("status", { execution_state: "busy" }, request);
    try {
      const handler = Object.hasOwn(this.handlers, msg_type) ? this.handlers[msg_type] : undefined;
      if (handler === undefined) {
        // As ipykernel: an unknown request type is logged and gets no reply.
        this.log(
          "warn",
          `unknown message type ${JSON.stringify(msg_type)} on ${channel}: no reply sent`,
        );
        return;
      }
      let content: JsonObject | undefined;
      try {
        content = await handler(this, request);
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        this.log("error", `handler for ${msg_type} failed: ${e.stack ?? e.message}`);
        content = {
          status: "error",
          ename: e.name,
          evalue: e.message,
          traceback: (e.stack ?? e.message).split("\n"),
        };
      }
      if (content !== undefined) this.reply(channel, request, content);
    } finally {
      this.publish("status", { execution_state: "idle" }, request);
    }
  }

  private reply(channel: "shell" | "control", request: Message, content: JsonObject): void {
    const msg_type = request.header.msg_type.replace(/_request$/, "") + "_reply";
    this.emit(channel, {
      identities: request.identities,
      header: makeHeader(msg_type, this.sessionId),
      parent_header: request.header,
      metadata: { status: content.status },
      content,
    });
  }

  // stop_on_error (messaging spec 5.3, "Execute"): requests queued behind a failed cell are
  // answered with status "aborted" instead of running.
  private async abortQueue(): Promise<void> {
    const queue = this.queues.shell;
    const kept: Message[] = [];
    for (const request of queue.splice(0)) {
      if (request.header.msg_type !== "execute_request") {
        kept.push(request);
        continue;
      }
      this.publish("status", { execution_state: "busy" }, request);
      this.reply("shell", request, { status: "aborted", execution_count: this.executionCount });
      this.publish("status", { execution_state: "idle" }, request);
    }
    queue.push(...kept);
  }

  private async stop(restart: boolean): Promise<void> {
    this.stopped = true;
    clearTimeout(this.warmTimer);
    this.pendingInput.cancel(new Error("input(): the kernel is shutting down"));
    try {
      await this.session.dispose();
    } catch (error) {
      this.log("warn", `session dispose failed: ${(error as Error).message}`);
    }
    this.options.onShutdown?.(restart);
  }

  private emit(channel: OutChannel, message: Parameters<typeof encodeMessage>[0]): void {
    let frames: Buffer[];
    try {
      frames = encodeMessage(message, this.options.signer);
    } catch (error) {
      this.log("error", `could not encode ${message.header.msg_type}: ${(error as Error).message}`);
      return;
    }
    void Promise.resolve(this.options.send(channel, frames)).catch((error: unknown) =>
      this.log("error", `send on ${channel} failed: ${(error as Error).message}`),
    );
  }
}
