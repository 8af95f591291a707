// A recording sink for runtime tests.
import type { IOutput } from "@jupyterlab/nbformat";
import type { OutputSink } from "../../src/display/sink.ts";

export class RecordingSink implements OutputSink {
  readonly interactive: boolean;
  readonly outputs: IOutput[] = [];
  readonly updates: { displayId: string; data: unknown }[] = [];

  constructor(interactive = false) {
    this.interactive = interactive;
  }
  emit(output: IOutput): void {
    this.outputs.push(output);
  }
  update(displayId: string, data: unknown): void {
    this.updates.push({ displayId, data });
  }
  clear(): void {
    this.outputs.length = 0;
  }
  text(): string {
    return this.outputs
      .map((o) =>
        o.output_type === "stream"
          ? String(o.text)
          : o.output_type === "execute_result"
            ? `=${(o.data as Record<string, string>)["text/plain"]}`
            : `[${o.output_type}]`,
      )
      .join("");
  }
  result(): string | undefined {
    const result = this.outputs.find((o) => o.output_type === "execute_result");
    return result ? String((result.data as Record<string, unknown>)["text/plain"]) : undefined;
  }
}
