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
