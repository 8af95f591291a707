// Where display output goes. The runtime installs a sink while a cell runs; display
// functions write to it. The current sink lives on globalThis under a registered symbol so
// that every copy of this module (the runner's, and the one a notebook loads through
// `import "tsnb"`) reaches the same place.
import type { IOutput, IMimeBundle } from "@jupyterlab/nbformat";

export type MimeBundle = IMimeBundle;
export type OutputMetadata = Record<string, unknown>;

export interface OutputSink {
  /** Append one output (stream, display_data, execute_result or error) to the running cell. */
  emit(output: IOutput): void;
  /** Replace the data of every output (in any cell) that carries `transient.display_id`. */
  update(displayId: string, data: MimeBundle, metadata: OutputMetadata): void;
  /** Clear the running cell's output; with `wait`, only when the next output arrives. */
  clear(wait: boolean): void;
  /** Ask the user for a line of text (the kernel's stdin channel); absent where no user is. */
  input?(prompt: string, password: boolean): Promise<string>;
  /** True where a live front end shows updates (kernel); the runner keeps final state only. */
  readonly interactive: boolean;
}

const KEY = Symbol.for("tsnb.output-sink");
type Holder = { [KEY]?: OutputSink };

/** The output sink of the running cell, or undefined outside a cell (display calls then do nothing). */
export function currentSink(): OutputSink | undefined {
  return (globalThis as Holder)[KEY];
}

/** Install `sink` as the current one; returns a function that restores the previous sink. */
export function installSink(sink: OutputSink | undefined): () => void {
  const holder = globalThis as Holder;
  const previous = holder[KEY];
  holder[KEY] = sink;
  return () => {
    holder[KEY] = previous;
  };
}
