// Console output of a running cell becomes Jupyter `stream` outputs: log/info/debug to
// stdout, error/warn to stderr, written synchronously so order is kept across awaits.
import { Console } from "node:console";
import { Writable } from "node:stream";
import type { OutputSink } from "../display/sink.ts";

export function captureConsole(
  currentSink: () => OutputSink | undefined,
  fallback: Console,
): Console {
  const stream = (name: "stdout" | "stderr") =>
    new Writable({
      decodeStrings: false,
      write(chunk: string | Buffer, _encoding, done) {
        const text = typeof chunk === "string" ? chunk : chunk.toString("utf8");
        const sink = currentSink();
        if (sink) sink.emit({ output_type: "stream", name, text });
        else (name === "stdout" ? fallback.log : fallback.error)(text.replace(/\n$/, ""));
        done();
      },
    });
  return new Console({
    stdout: stream("stdout"),
    stderr: stream("stderr"),
    colorMode: false,
    inspectOptions: { depth: 4, maxArrayLength: 100, maxStringLength: 10_000, breakLength: 100 },
  });
}
