import { describe, expect, it } from "vitest";
import { progress, UPDATE_INTERVAL_MS } from "../../src/display/progress.ts";
import { withSink } from "./fake-sink.ts";

const texts = (outputs: readonly object[]) =>
  outputs.map((o) => (o as { data: Record<string, string> }).data["text/plain"]);

describe("progress in a non-interactive sink (runner)", () => {
  it("emits only the final state of an iterable, once", async () => {
    const seen: number[] = [];
    const sink = await withSink(false, () => {
      for (const i of progress(
        Array.from({ length: 500 }, (_, i) => i),
        { label: "train" },
      ))
        seen.push(i);
    });
    expect(seen).toHaveLength(500);
    expect(texts(sink.outputs)).toEqual(["train: 100% 500/500"]);
    expect(sink.outputs[0]).not.toHaveProperty("transient");
    expect(sink.updates).toEqual([]);
  });

  it("shows where a loop broke off", async () => {
    const sink = await withSink(false, () => {
      for (const i of progress(new Set(Array.from({ length: 10 }, (_, i) => i)), { label: "s" }))
        if (i === 4) break;
    });
    expect(texts(sink.outputs)).toEqual(["s: 40% 4/10"]);
  });

  it("counts to a total with tick and done", async () => {
    const sink = await withSink(false, (live) => {
      const bar = progress(8, { label: "epochs" });
      bar.tick();
      bar.tick(3);
      expect(live.outputs).toEqual([]);
      bar.done();
      bar.done();
    });
    expect(texts(sink.outputs)).toEqual(["epochs: 50% 4/8"]);
  });

  it("wraps async iterables and unknown lengths", async () => {
    async function* gen() {
      for (let i = 0; i < 3; i++) yield i;
    }
    const sink = await withSink(false, async () => {
      for await (const _ of progress(gen(), { label: "stream" }));
    });
    expect(texts(sink.outputs)).toEqual(["stream: 3"]);
    expect((sink.outputs[0]!.data as Record<string, string>)["text/html"]).toContain(
      "<progress></progress>",
    );
  });
});

describe("progress in an interactive sink (kernel)", () => {
  it("creates one display with an id and updates it at most every 100 ms, ending on the final state", async () => {
    let clock = 0;
    const sink = await withSink(true, () => {
      // 1,000 items, 1 ms each: one second of work.
      for (const _ of progress(Array.from({ length: 1000 }), { label: "p", now: () => clock }))
        clock += 1;
    });
    expect(sink.outputs).toHaveLength(1);
    const id = (sink.outputs[0] as { transient?: { display_id?: string } }).transient?.display_id;
    expect(id).toMatch(/^tsnb-progress-\d+$/);
    expect(texts(sink.outputs)).toEqual(["p: 0% 0/1000"]);
    expect(sink.updates.every((u) => u.id === id)).toBe(true);
    expect(sink.updates.length).toBeLessThanOrEqual(1000 / UPDATE_INTERVAL_MS + 1);
    expect(sink.updates.length).toBeGreaterThanOrEqual(5);
    expect(sink.updates.at(-1)!.data["text/plain"]).toBe("p: 100% 1000/1000");
    expect(sink.updates[0]!.data["text/plain"]).toBe("p: 10% 100/1000");
  });

  it("gives each bar its own display id, from a counter shared by all copies of the module", async () => {
    const counter = Symbol.for("tsnb.progress-counter");
    const sink = await withSink(true, () => {
      progress(1).done();
      progress(1).done();
    });
    const ids = sink.outputs.map(
      (o) => (o as { transient?: { display_id?: string } }).transient?.display_id,
    );
    expect(new Set(ids).size).toBe(2);
    expect(ids[1]).toBe(`tsnb-progress-${(globalThis as Record<symbol, number>)[counter]}`);
  });

  it("does not repeat an unchanged final state", async () => {
    let clock = 0;
    const sink = await withSink(true, () => {
      const bar = progress(2, { now: () => clock });
      clock = 1000;
      bar.tick(2);
      bar.done();
    });
    expect(texts(sink.outputs)).toEqual(["0% 0/2"]);
    expect(sink.updates.map((u) => u.data["text/plain"])).toEqual(["100% 2/2"]);
  });
});
