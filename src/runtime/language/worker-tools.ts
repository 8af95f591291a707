// The language tools in a worker thread: loading the compiler and building the first program
// takes seconds, and the kernel's event loop must keep answering (heartbeat, interrupt, a
// running cell's output) meanwhile. Same methods as LanguageTools, returning promises.
import { Worker } from "node:worker_threads";
import type {
  CompletenessResult,
  CompletionResult,
  InspectionResult,
  LanguageTools,
  LanguageToolsOptions,
  TypeDiagnostic,
} from "./index.ts";

export type AsyncLanguageTools = {
  [K in keyof LanguageTools]: (
    ...args: Parameters<LanguageTools[K]>
  ) => Promise<ReturnType<LanguageTools[K]>>;
} & { dispose(): Promise<void> };

interface Reply {
  id?: number;
  result?: unknown;
  error?: string;
  ready?: boolean;
}

export function createWorkerLanguageTools(options: LanguageToolsOptions): AsyncLanguageTools {
  const worker = new Worker(new URL("./worker-entry.js", import.meta.url), {
    workerData: { rootDir: options.rootDir },
  });
  // The kernel must be able to exit while this worker idles.
  worker.unref();
  const pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  let next = 0;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure = error;
    for (const entry of pending.values()) entry.reject(error);
    pending.clear();
  };
  worker.on("message", (reply: Reply) => {
    if (reply.id === undefined) return;
    const entry = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.error !== undefined) entry?.reject(new Error(`language tools: ${reply.error}`));
    else entry?.resolve(reply.result);
  });
  worker.on("error", (error) => failAll(error));
  worker.on("exit", (code) =>
    failAll(new Error(`the language tools' worker exited (code ${code})`)),
  );
  const call = <T>(method: keyof LanguageTools, args: unknown[]): Promise<T> => {
    if (failure) return Promise.reject(failure);
    const id = ++next;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, method, args });
    });
  };
  return {
    complete: (cells, code, cursor) => call<CompletionResult>("complete", [cells, code, cursor]),
    inspect: (cells, code, cursor, detail_level) =>
      call<InspectionResult>("inspect", [cells, code, cursor, detail_level]),
    isComplete: (code) => call<CompletenessResult>("isComplete", [code]),
    diagnose: (cells, code) => call<TypeDiagnostic[]>("diagnose", [cells, code]),
    async dispose() {
      await worker.terminate();
    },
  };
}
