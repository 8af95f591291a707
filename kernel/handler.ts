// The one shape of a message handler (markdown-it's rule shape, applied to Jupyter): a handler
// gets the kernel and the request and returns the reply content, or undefined for "no reply".
// The kernel turns `<x>_request` into `<x>_reply`, wraps it in status busy/idle and sends it.
import type { LanguageTools } from "../src/runtime/language/index.ts";

/** The language tools as the kernel uses them: in-thread (sync) or in a worker (async). */
export type KernelLanguageTools = {
  [K in keyof LanguageTools]: (
    ...args: Parameters<LanguageTools[K]>
  ) => ReturnType<LanguageTools[K]> | Promise<ReturnType<LanguageTools[K]>>;
};
import type { HistoryEntry } from "./history.ts";
import type { Logger } from "./protocol/log.ts";
import type { JsonObject, Message } from "./protocol/message.ts";
import type { KernelSession } from "./session.ts";

export interface KernelContext {
  readonly session: KernelSession;
  readonly log: Logger;
  /** Every stored execution, in order (history_request). */
  readonly history: HistoryEntry[];
  /** Cells that ran without error, in order: the context completion and inspection see. */
  readonly executedCells: string[];
  executionCount: number;
  /** Publish one message on iopub with `parent` as its parent_header. */
  publish(msg_type: string, content: JsonObject, parent: Message, metadata?: JsonObject): void;
  /** Send an input_request on stdin to the client that sent `parent`; resolves with its value. */
  requestInput(parent: Message, prompt: string, password: boolean): Promise<string>;
  /** The TypeScript language tools, loaded on first use. */
  language(): Promise<KernelLanguageTools>;
  /** `work`'s result, or undefined if an execute_request queues before it settles. */
  unlessExecuteWaits<T>(work: Promise<T>): Promise<T | undefined>;
  /**
   * The language tools if they are loaded already (a completion, or the idle warm-up, loaded
   * them); executing never waits for the compiler to load.
   */
  loadedLanguage(): KernelLanguageTools | undefined;
  /** Type warnings before a cell runs: whether on, and how long a cell waits for its check. */
  readonly typeCheck: { readonly enabled: boolean; readonly limitMs: number };
  /** stop_on_error: answer the execute_requests queued behind this one with status "aborted". */
  abortQueued(): void;
  interrupt(): void;
  /** Shut down once the current reply is sent. */
  shutdown(restart: boolean): void;
}

export type Handler = (kernel: KernelContext, request: Message) => Promise<JsonObject | undefined>;
