// A small stand-in for the runtime's Session, so the kernel's message loop is tested without a
// worker: a few code words trigger the behaviours the kernel must relay.
import type { OutputSink } from "../../src/display/sink.ts";
import type { ExecuteReply, ExpressionResult, KernelSession } from "../../kernel/session.ts";

export class FakeSession implements KernelSession {
  readonly executed: string[] = [];
  interrupted = 0;
  disposed = false;
  private wake: (() => void) | undefined;

  async execute(
    code: string,
    sink: OutputSink,
    options: { executionCount?: number } = {},
  ): Promise<ExecuteReply> {
    this.executed.push(code);
    if (code === "fail") {
      sink.emit({
        output_type: "error",
        ename: "Error",
        evalue: "boom",
        traceback: ["Error: boom"],
      });
      return { status: "error", ename: "Error", evalue: "boom", traceback: ["Error: boom"] };
    }
    if (code === "spin") {
      await new Promise<void>((resolve) => (this.wake = resolve));
      sink.emit({
        output_type: "error",
        ename: "KeyboardInterrupt",
        evalue: "interrupted",
        traceback: [],
      });
      return { status: "error", ename: "KeyboardInterrupt", evalue: "interrupted", traceback: [] };
    }
    if (code.startsWith("ask")) {
      try {
        const value = await sink.input!("name? ", false);
        sink.emit({ output_type: "stream", name: "stdout", text: `hello ${value}\n` });
        return { status: "ok" };
      } catch (error) {
        const e = error as Error;
        sink.emit({ output_type: "error", ename: e.name, evalue: e.message, traceback: [] });
        return { status: "error", ename: e.name, evalue: e.message, traceback: [] };
      }
    }
    if (code === "show") {
      sink.emit({
        output_type: "display_data",
        data: { "text/html": "<b>x</b>", "text/plain": "x" },
        metadata: {},
        transient: { display_id: "d1" },
      } as never);
      sink.update("d1", { "text/plain": "y" }, {});
      sink.clear(true);
      return { status: "ok" };
    }
    sink.emit({ output_type: "stream", name: "stdout", text: `ran ${code}\n` });
    sink.emit({
      output_type: "execute_result",
      execution_count: options.executionCount ?? null,
      data: { "text/plain": code.toUpperCase() },
      metadata: {},
    });
    return { status: "ok" };
  }

  async evaluate(expressions: Record<string, string>): Promise<Record<string, ExpressionResult>> {
    return Object.fromEntries(
      Object.entries(expressions).map(([name, code]) => [
        name,
        { status: "ok" as const, data: { "text/plain": `value of ${code}` }, metadata: {} },
      ]),
    );
  }

  interrupt(): void {
    this.interrupted++;
    this.wake?.();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }
}
