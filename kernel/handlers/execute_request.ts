// execute_request (messaging spec 5.3, "Execute"): execution_count, silent, store_history,
// user_expressions, allow_stdin and stop_on_error, with outputs streamed on iopub while the
// cell runs and the error's ename/evalue/traceback repeated in the reply. Once the language
// tools are loaded, the cell's type errors come first as a stderr warning; the cell runs anyway.
import type { Handler, KernelContext } from "../handler.ts";
import { createExecuteSink } from "../output.ts";
import { isJsonObject } from "../protocol/message.ts";
import type { TypeDiagnostic } from "../../src/runtime/language/index.ts";

export const execute_request: Handler = async (kernel, request) => {
  const content = request.content;
  if (typeof content.code !== "string") {
    return {
      status: "error",
      ename: "TypeError",
      evalue: "execute_request: content.code must be a string",
      traceback: [],
    };
  }
  const code = content.code;
  const silent = content.silent === true;
  const store_history = !silent && content.store_history !== false;
  const allow_stdin = content.allow_stdin !== false;
  const stop_on_error = content.stop_on_error !== false;
  const user_expressions = isJsonObject(content.user_expressions) ? content.user_expressions : {};

  if (store_history) kernel.executionCount += 1;
  const execution_count = kernel.executionCount;
  if (!silent) kernel.publish("execute_input", { code, execution_count }, request);

  let resultText: string | null = null;
  const sink = createExecuteSink(kernel, request, {
    silent,
    allow_stdin,
    execution_count,
    onResult: (text) => (resultText = text),
  });
  if (!silent && kernel.typeCheck.enabled) await typeWarnings(kernel, code, sink);
  let result: Awaited<ReturnType<typeof kernel.session.execute>>;
  try {
    result = await kernel.session.execute(code, sink, { executionCount: execution_count });
  } catch (error) {
    // The runtime failed rather than the cell: show it in the cell like any error.
    const e = error instanceof Error ? error : new Error(String(error));
    kernel.log("error", `execute_request: ${e.message}`);
    result = {
      status: "error",
      ename: e.name,
      evalue: e.message,
      traceback: [`${e.name}: ${e.message}`],
    };
    sink.emit({
      output_type: "error",
      ename: result.ename,
      evalue: result.evalue,
      traceback: result.traceback,
    });
    if (e.name === "RuntimeLost") kernel.executedCells.length = 0;
  }
  if (store_history)
    kernel.history.push({ line: execution_count, input: code, output: resultText });

  if (result.status === "ok") {
    kernel.executedCells.push(code);
    const expressions: Record<string, string> = {};
    for (const [name, expression] of Object.entries(user_expressions))
      expressions[name] = String(expression);
    const evaluated =
      Object.keys(expressions).length > 0 ? await kernel.session.evaluate(expressions) : {};
    return { status: "ok", execution_count, user_expressions: evaluated, payload: [] };
  }
  if (stop_on_error) kernel.abortQueued();
  return {
    status: "error",
    execution_count,
    ename: result.ename,
    evalue: result.evalue,
    traceback: result.traceback,
  };
};

/** The cell's type errors, against the cells that ran, as a stderr warning before it runs. */
async function typeWarnings(
  kernel: KernelContext,
  code: string,
  sink: ReturnType<typeof createExecuteSink>,
): Promise<void> {
  const tools = kernel.loadedLanguage();
  if (tools === undefined) return;
  let timer: NodeJS.Timeout | undefined;
  try {
    // A busy or stuck language worker must not hold the cell back: past the limit, no check.
    const diagnostics = await Promise.race([
      tools.diagnose(kernel.executedCells, code),
      new Promise<[]>(
        (resolve) => (timer = setTimeout(() => resolve([]), kernel.typeCheck.limitMs)),
      ),
    ]);
    if (diagnostics.length > 0)
      sink.emit({ output_type: "stream", name: "stderr", text: formatTypeWarnings(diagnostics) });
  } catch (error) {
    kernel.log("warn", `type check skipped: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

/** The warning shown above the cell's outputs. */
function formatTypeWarnings(diagnostics: readonly TypeDiagnostic[]): string {
  const count = diagnostics.length;
  const lines = diagnostics.map((d) => `  ${d.line}:${d.column}  ${d.message} (TS${d.code})`);
  return (
    `TypeScript: ${count} type error${count === 1 ? "" : "s"} (the cell runs anyway; ` +
    `// @ts-expect-error above a line or // @ts-nocheck in the cell silences them)\n` +
    lines.join("\n") +
    "\n"
  );
}
