import { describe, expect, it } from "vitest";
import { DisplayError } from "../../src/display/errors.ts";
import { glue, SCRAP_MIME, scrapOfOutput } from "../../src/display/scrap.ts";
import { withSink } from "./fake-sink.ts";

describe("glue", () => {
  it("emits the scrap MIME {name, value} with a text/plain line, and reads back from the output", async () => {
    const sink = await withSink(false, () => {
      glue("loss", 0.125);
      glue("curve", { steps: [1, 2], ok: true, note: null });
    });
    expect(sink.outputs).toHaveLength(2);
    const data = sink.outputs[0]!.data as Record<string, unknown>;
    expect(data[SCRAP_MIME]).toEqual({ name: "loss", value: 0.125 });
    expect(data["text/plain"]).toBe("loss = 0.125");
    expect(scrapOfOutput(sink.outputs[1]!)).toEqual({
      name: "curve",
      value: { steps: [1, 2], ok: true, note: null },
    });
  });

  it("reads a scrap stored as JSON text and ignores other outputs", () => {
    const stored = {
      output_type: "display_data",
      data: { [SCRAP_MIME]: '{"name":"n","value":3}', "text/plain": "n = 3" },
      metadata: {},
    } as const;
    expect(scrapOfOutput(stored as never)).toEqual({ name: "n", value: 3 });
    expect(scrapOfOutput({ output_type: "stream", name: "stdout", text: "x" } as never)).toBe(
      undefined,
    );
  });

  it("refuses a bad name and values JSON cannot store, naming the offending part", async () => {
    await withSink(false, () => {
      expect(() => glue("1bad", 1)).toThrow(DisplayError);
      expect(() => glue("x", { a: [1, Number.NaN] } as never)).toThrow(/value\.a\[1\]/);
      expect(() => glue("x", new Map() as never)).toThrow(/not storable as JSON/);
    });
  });
});
