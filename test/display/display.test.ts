import { describe, expect, it } from "vitest";
import { display } from "../../src/display/display.ts";
import { clearOutput, input } from "../../src/display/io.ts";
import { installSink } from "../../src/display/sink.ts";
import { withSink } from "./fake-sink.ts";

describe("display", () => {
  it("emits display_data with the value's bundle", async () => {
    const sink = await withSink(false, () => display({ a: 1 }));
    expect(sink.outputs).toEqual([
      { output_type: "display_data", data: { "text/plain": "{ a: 1 }" }, metadata: {} },
    ]);
  });

  it("carries transient.display_id and routes display.update to the sink", async () => {
    const sink = await withSink(true, () => {
      display("step 0", { id: "status" });
      display.update("status", "step 1");
    });
    expect(sink.outputs).toEqual([
      {
        output_type: "display_data",
        data: { "text/plain": "'step 0'" },
        metadata: {},
        transient: { display_id: "status" },
      },
    ]);
    expect(sink.updates).toEqual([
      { id: "status", data: { "text/plain": "'step 1'" }, metadata: {} },
    ]);
  });

  it("does nothing without a sink", () => {
    const restore = installSink(undefined);
    try {
      expect(display(1)).toBeUndefined();
      expect(() => display.update("x", 2)).not.toThrow();
      expect(() => clearOutput()).not.toThrow();
    } finally {
      restore();
    }
  });
});

describe("clearOutput and input", () => {
  it("clearOutput passes wait through", async () => {
    const sink = await withSink(false, () => {
      clearOutput();
      clearOutput({ wait: true });
    });
    expect(sink.clears).toEqual([false, true]);
  });

  it("input asks the sink's stdin", async () => {
    const asked: [string, boolean][] = [];
    await withSink(true, async (sink) => {
      sink.input = async (prompt, password) => (asked.push([prompt, password]), "42");
      expect(await input("n? ")).toBe("42");
      expect(await input("pw", { password: true })).toBe("42");
    });
    expect(asked).toEqual([
      ["n? ", false],
      ["pw", true],
    ]);
  });

  it("input without stdin fails with a clear error", async () => {
    await withSink(false, async () => {
      await expect(input("n?")).rejects.toThrow(
        "input() needs a front end with stdin (allow_stdin)",
      );
    });
  });
});
