import { describe, expect, it } from "vitest";
import { restartingSession, type KernelSession } from "../../kernel/session.ts";
import { FakeSession } from "./fake-session.ts";

class DyingSession extends FakeSession {
  override async execute(...args: Parameters<KernelSession["execute"]>) {
    if (args[0] === "exit") throw new Error("the session's worker exited (code 3)");
    return super.execute(...args);
  }
}

const sink = { emit() {}, update() {}, clear() {}, interactive: true };

describe("restartingSession", () => {
  it("replaces a session whose runtime failed and says the state is gone", async () => {
    const created: DyingSession[] = [];
    const session = restartingSession(async () => {
      created.push(new DyingSession());
      return created.at(-1)!;
    });
    expect(await session.execute("a", sink)).toEqual({ status: "ok" });
    await expect(session.execute("exit", sink)).rejects.toMatchObject({
      name: "RuntimeLost",
      message: expect.stringMatching(/code 3.*state of earlier cells is gone/),
    });
    expect(await session.execute("b", sink)).toEqual({ status: "ok" });
    expect(created).toHaveLength(2);
    expect(created[0]!.disposed).toBe(true);
    expect(created[1]!.executed).toEqual(["b"]);
  });

  it("keeps the session when a cell merely raises", async () => {
    let starts = 0;
    const session = restartingSession(async () => {
      starts++;
      return new FakeSession();
    });
    expect(await session.execute("fail", sink)).toMatchObject({ status: "error", ename: "Error" });
    await session.execute("ok", sink);
    expect(starts).toBe(1);
  });
});
