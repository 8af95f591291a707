// The OutputSink a running cell writes to, turned into iopub messages (messaging spec 5.3,
// "Messages on the IOPub"): stream, display_data, execute_result, error, update_display_data,
// clear_output; `input` becomes a stdin input_request when the client allows it.
import type { IOutput } from "@jupyterlab/nbformat";
import type { OutputSink } from "../src/display/sink.ts";
import type { KernelContext } from "./handler.ts";
import type { JsonObject, Message } from "./protocol/message.ts";

export interface ExecuteSinkOptions {
  silent: boolean;
  allow_stdin: boolean;
  execution_count: number;
  /** Receives the text/plain of the execute_result, for history with output. */
  onResult?: (text: string | null) => void;
}

function plainText(data: unknown): string | null {
  const text = (data as Record<string, unknown> | undefined)?.["text/plain"];
  if (typeof text === "string") return text;
  return Array.isArray(text) ? text.join("") : null;
}

function joined(text: unknown): string {
  return Array.isArray(text) ? text.join("") : String(text ?? "");
}

export function createExecuteSink(
  kernel: KernelContext,
  request: Message,
  options: ExecuteSinkOptions,
): OutputSink {
  const transientOf = (output: object): JsonObject => {
    const transient = (output as { transient?: unknown }).transient;
    return typeof transient === "object" && transient !== null ? (transient as JsonObject) : {};
  };
  return {
    interactive: true,
    emit(output: IOutput) {
      switch (output.output_type) {
        case "stream":
          kernel.publish("stream", { name: output.name, text: joined(output.text) }, request);
          return;
        case "display_data":
          kernel.publish(
            "display_data",
            { data: output.data, metadata: output.metadata ?? {}, transient: transientOf(output) },
            request,
          );
          return;
        case "execute_result":
          options.onResult?.(plainText(output.data));
          if (options.silent) return;
          kernel.publish(
            "execute_result",
            {
              execution_count: options.execution_count,
              data: output.data,
              metadata: output.metadata ?? {},
              transient: transientOf(output),
            },
            request,
          );
          return;
        case "error":
          kernel.publish(
            "error",
            { ename: output.ename, evalue: output.evalue, traceback: output.traceback },
            request,
          );
          return;
        default:
          kernel.log(
            "warn",
            `cell emitted an output of unknown type ${JSON.stringify(output.output_type)}; ignored`,
          );
      }
    },
    update(displayId, data, metadata) {
      kernel.publish(
        "update_display_data",
        { data, metadata, transient: { display_id: displayId } },
        request,
      );
    },
    clear(wait) {
      kernel.publish("clear_output", { wait }, request);
    },
    input(prompt, password) {
      if (!options.allow_stdin) {
        return Promise.reject(
          new Error(
            "input(): this client does not accept input (the execute_request has allow_stdin: false); " +
              "run the cell from a front end with a stdin channel, such as JupyterLab, or remove the input() call",
          ),
        );
      }
      return kernel.requestInput(request, prompt, password);
    },
  };
}
