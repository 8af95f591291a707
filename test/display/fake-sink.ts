// A recording OutputSink for display tests, installed around each test body.
import type { IOutput } from "@jupyterlab/nbformat";
import {
  installSink,
  type MimeBundle,
  type OutputMetadata,
  type OutputSink,
} from "../../src/display/sink.ts";

export class FakeSink implements OutputSink {
  readonly outputs: IOutput[] = [];
  readonly updates: { id: string; data: MimeBundle; metadata: OutputMetadata }[] = [];
  readonly clears: boolean[] = [];
  input?: (prompt: string, password: boolean) => Promise<string>;

  constructor(readonly interactive: boolean) {}

  emit(output: IOutput): void {
    this.outputs.push(output);
  }
  update(id: string, data: MimeBundle, metadata: OutputMetadata): void {
    this.updates.push({ id, data, metadata });
  }
  clear(wait: boolean): void {
    this.clears.push(wait);
  }
}

/** Runs `body` with a fresh FakeSink installed; returns the sink afterwards. */
export async function withSink(
  interactive: boolean,
  body: (sink: FakeSink) => unknown,
): Promise<FakeSink> {
  const sink = new FakeSink(interactive);
  const restore = installSink(sink);
  try {
    await body(sink);
  } finally {
    restore();
  }
  return sink;
}
