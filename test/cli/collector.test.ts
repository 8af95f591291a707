import { describe, expect, it } from "vitest";
import { OutputCollector } from "../../src/cli/collector.ts";

describe("OutputCollector (the runner's sink)", () => {
  it("merges consecutive writes to the same stream and keeps order otherwise", () => {
    const collector = new OutputCollector();
    const outputs = collector.startCell();
    collector.emit({ output_type: "stream", name: "stdout", text: "a\n" });
    collector.emit({ output_type: "stream", name: "stdout", text: "b\n" });
    collector.emit({ output_type: "stream", name: "stderr", text: "c\n" });
    collector.emit({ output_type: "stream", name: "stdout", text: "d\n" });
    expect(outputs.map((o) => `${o.name}:${o.text}`)).toEqual([
      "stdout:a\nb\n",
      "stderr:c\n",
      "stdout:d\n",
    ]);
  });

  it("applies display updates in place, also to an earlier cell, and drops transient", () => {
    const collector = new OutputCollector();
    const first = collector.startCell();
    collector.emit({
      output_type: "display_data",
      data: { "text/plain": "0%" },
      metadata: {},
      transient: { display_id: "bar" },
    });
    const second = collector.startCell();
    collector.update("bar", { "text/plain": "100%" }, {});
    expect(first).toEqual([
      { output_type: "display_data", data: { "text/plain": "100%" }, metadata: {} },
    ]);
    expect(second).toEqual([]);
  });

  it("clears now, or at the next output when asked to wait", () => {
    const collector = new OutputCollector();
    const outputs = collector.startCell();
    collector.emit({ output_type: "stream", name: "stdout", text: "old\n" });
    collector.clear(true);
    expect(outputs).toHaveLength(1);
    collector.emit({ output_type: "stream", name: "stdout", text: "new\n" });
    expect(outputs.map((o) => o.text)).toEqual(["new\n"]);
    collector.clear(false);
    expect(outputs).toEqual([]);
  });
});
