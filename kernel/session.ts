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

/**
 * A session that is still starting: calls wait for it. The kernel answers kernel_info while
 * the runtime's worker boots, which keeps start → kernel_info_reply short.
 */
export function deferSession(starting: Promise<KernelSession>): KernelSession {
  let ready: KernelSession | undefined;
  void starting.then(
    (session) => (ready = session),
    () => undefined,
  );
  return {
    async execute(code, sink, options) {
      return (await starting).execute(code, sink, options);
    },
    async evaluate(expressions) {
      return (await starting).evaluate(expressions);
    },
    interrupt() {
      ready?.interrupt();
    },
    async dispose() {
      await (await starting.catch(() => undefined))?.dispose();
    },
  };
}
