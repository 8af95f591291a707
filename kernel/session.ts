// What the kernel needs from the runtime: the `Session` contract of src/runtime/session.ts
// (the kernel runs a `WorkerSession`, which has the same methods). Declared structurally so
// handlers can be tested against a small fake.
import type { OutputSink } from "../src/display/sink.ts";

export type ExecuteReply =
  { status: "ok" } | { status: "error"; ename: string; evalue: string; traceback: string[] };

export type ExpressionResult =
  | { status: "ok"; data: Record<string, unknown>; metadata: Record<string, unknown> }
  | { status: "error"; ename: string; evalue: string; traceback: string[] };

export interface KernelSession {
  execute(
    code: string,
    sink: OutputSink,
    options?: { executionCount?: number },
  ): Promise<ExecuteReply>;
  evaluate(expressions: Record<string, string>): Promise<Record<string, ExpressionResult>>;
  interrupt(): void;
  dispose(): Promise<void>;
}

/** The runtime itself failed (its worker exited, e.g. a cell called `process.exit()`). */
export class RuntimeLostError extends Error {
  constructor(cause: string) {
    super(`${cause}; a fresh session was started, so the state of earlier cells is gone`);
    this.name = "RuntimeLost";
  }
}

/**
 * The kernel's session: created through `create` (the first call may wait for the kernel to
 * have answered kernel_info, see main.ts), and replaced by a fresh one when the runtime
 * itself fails — a cell's `process.exit()` ends the worker, and the kernel must not be left
 * answering every later cell with "worker exited".
 */
export function restartingSession(create: () => Promise<KernelSession>): KernelSession {
  let current = create();
  let ready: KernelSession | undefined;
  const track = (starting: Promise<KernelSession>) =>
    void starting.then(
      (session) => (ready = session),
      () => undefined,
    );
  track(current);
  const replace = (error: unknown): never => {
    const old = current;
    ready = undefined;
    current = create();
    track(current);
    void old.then((session) => session.dispose()).catch(() => undefined);
    throw new RuntimeLostError(error instanceof Error ? error.message : String(error));
  };
  return {
    async execute(code, sink, options) {
      const session = await current;
      return session.execute(code, sink, options).catch(replace);
    },
    async evaluate(expressions) {
      const session = await current;
      return session.evaluate(expressions).catch(replace);
    },
    interrupt() {
      ready?.interrupt();
    },
    async dispose() {
      await (await current.catch(() => undefined))?.dispose();
    },
  };
}
