import { afterAll, describe, expect, it } from "vitest";
import { createWorkerLanguageTools } from "../../../src/runtime/language/worker-tools.ts";

const tools = createWorkerLanguageTools({ rootDir: process.cwd() });
afterAll(() => tools.dispose());

describe("createWorkerLanguageTools", () => {
  it("answers completion, inspection and is_complete from its worker thread", async () => {
    const [completion, inspection, completeness] = await Promise.all([
      tools.complete(["const word = 'x'"], "word.toUpp", 10),
      tools.inspect([], "Math.PI", 7, 0),
      tools.isComplete("if (x) {"),
    ]);
    expect(completion.matches.map((match) => match.text)).toEqual(["toUpperCase"]);
    expect(inspection.data["text/plain"]).toContain("PI: number");
    expect(completeness).toEqual({ status: "incomplete", indent: "  " });
  }, 120_000);

  it("rejects with the worker's error instead of hanging", async () => {
    await expect(tools.complete(null as never, "x", 1)).rejects.toThrow(/language tools:/);
  }, 60_000);
});
