// The runner's output sink: gathers each cell's outputs the way a notebook stores them —
// consecutive stream writes merged, `display.update` applied in place (final state only),
// `clearOutput` honoured, and the kernel-only `transient` field dropped.
import type { IOutput } from "@jupyterlab/nbformat";
import type { MimeBundle, OutputMetadata, OutputSink } from "../display/sink.ts";

type Stored = Record<string, any> & { output_type: string };

export class OutputCollector implements OutputSink {
  readonly interactive = false;
  private outputs: Stored[] = [];
  private clearPending = false;
  private readonly displays = new Map<string, Stored[]>();

  /** Starts collecting a new cell's outputs; returns the array that will hold them. */
  startCell(): IOutput[] {
    this.outputs = [];
    this.clearPending = false;
    return this.outputs as IOutput[];
  }

  emit(output: IOutput): void {
    if (this.clearPending) this.clearNow();
    const stored = { ...(output as Stored) };
    const last = this.outputs.at(-1);
    if (
      stored.output_type === "stream" &&
      last?.output_type === "stream" &&
      last.name === stored.name
    ) {
      last.text = String(last.text) + String(stored.text);
      return;
    }
    const displayId = stored.transient?.display_id as string | undefined;
    delete stored.transient;
    if (displayId) {
      const list = this.displays.get(displayId) ?? [];
      list.push(stored);
      this.displays.set(displayId, list);
    }
    this.outputs.push(stored);
  }

  update(displayId: string, data: MimeBundle, metadata: OutputMetadata): void {
    for (const output of this.displays.get(displayId) ?? []) {
      output.data = data;
      output.metadata = metadata;
    }
  }

  clear(wait: boolean): void {
    if (wait) this.clearPending = true;
    else this.clearNow();
  }

  private clearNow(): void {
    this.clearPending = false;
    for (const [id, list] of this.displays) {
      const kept = list.filter((output) => !this.outputs.includes(output));
      if (kept.length) this.displays.set(id, kept);
      else this.displays.delete(id);
    }
    this.outputs.length = 0;
  }
}
