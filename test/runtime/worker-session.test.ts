import { afterAll, describe, expect, it } from "vitest";
import { WorkerSession } from "../../src/runtime/worker-session.ts";
import { RecordingSink } from "./sink.ts";

describe("WorkerSession", () => {
  const session = new WorkerSession();
  afterAll(() => session.dispose());

  it("interrupts a synchronous infinite loop and keeps the state", async () => {
    await session.execute("let spins = 0", new RecordingSink(true));
    const sink = new RecordingSink(true);
    const running = session.execute("while (true) { spins++ }", sink);
    setTimeout(() => session.interrupt(), 300);
    const reply = await running;
    expect(reply.status === "error" && reply.ename).toBe("KeyboardInterrupt");
    expect(sink.outputs.at(-1)?.output_type).toBe("error");
    const after = new RecordingSink(true);
    await session.execute("spins > 1000", after);
    expect(after.result()).toBe("true");
  });

  it("interrupts a long computation inside the library, where the cell itself has no loop", async () => {
    // Hoffmann's 4,500-start grid, ten times over, on one thread: tens of seconds uninterrupted.
    const cell = [
      'import { fitCurve, chinchilla, hoffmannStarts } from "tsnb";',
      "process.env.TSNB_THREADS = '1';",
      "const N = Array.from({ length: 240 }, (_, i) => 7e7 * 1.02 ** i);",
      "const D = N.map((n, i) => 5e9 * 1.019 ** ((i * 37) % 240));",
      "const y = N.map((n, i) => 1.69 + 406.4 / n ** 0.34 + 410.7 / D[i] ** 0.28);",
      "const init = { ...hoffmannStarts, E: Array.from({ length: 50 }, (_, i) => 0.5 + i / 20) };",
      "console.log('fitting');",
      "const fitted = fitCurve({ model: chinchilla, x: { N, D }, y, init, loss: { huber: 1e-3 } });",
    ].join("\n");
    const sink = new RecordingSink(true);
    const running = session.execute(cell, sink);
    // interrupt once the fit is under way (the import alone can take seconds on a loaded machine)
    while (!sink.text().includes("fitting")) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    session.interrupt();
    const reply = await running;
    expect(reply.status === "error" && reply.ename).toBe("KeyboardInterrupt");
    const after = new RecordingSink(true);
    await session.execute("[typeof fitted, N.length]", after);
    expect(after.result()).toBe("[ 'undefined', 240 ]");
  }, 120_000);

  it("forwards stdin requests to the sink and refuses them without stdin", async () => {
    const asked: string[] = [];
    const withStdin = Object.assign(new RecordingSink(true), {
      input: async (prompt: string) => {
        asked.push(prompt);
        return "Ada";
      },
    });
    await session.execute('const who = await input("name? ");\n`hi ${who}`', withStdin);
    expect(asked).toEqual(["name? "]);
    expect(withStdin.result()).toBe("'hi Ada'");
    const noStdin = new RecordingSink(true);
    const reply = await session.execute('await input("name? ")', noStdin);
    expect(reply.status === "error" && reply.evalue).toMatch(/stdin/);
  });
});
