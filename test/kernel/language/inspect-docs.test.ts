// Shift+Tab on a library function in the kernel: an inspect_request through the kernel's message
// loop, answered by the real language service, shows the function's JSDoc — not only its bare
// signature — so a notebook author reads what `fitCurve(` does without leaving the notebook.
import { describe, expect, it } from "vitest";
import { Kernel } from "../../../kernel/kernel.ts";
import { createSigner } from "../../../kernel/protocol/sign.ts";
import { decodeFrames } from "../../../kernel/protocol/wire.ts";
import type { Message } from "../../../kernel/protocol/message.ts";
import { createLanguageTools } from "../../../src/runtime/language/index.ts";
import { FakeSession } from "../fake-session.ts";
import { KEY, requestFrames } from "../frames.ts";

function kernelWithLanguage() {
  const signer = createSigner(KEY);
  const replies: Message[] = [];
  const kernel = new Kernel({
    session: new FakeSession(),
    signer,
    log: () => {},
    send: (_channel, frames) => {
      const decoded = decodeFrames(frames, signer);
      if (decoded.ok && decoded.message.header.msg_type === "inspect_reply")
        replies.push(decoded.message);
    },
    loadLanguage: async () => createLanguageTools({ rootDir: process.cwd() }),
  });
  const inspect = async (code: string, cursor_pos = [...code].length) => {
    const msg_id = `inspect-${replies.length}`;
    kernel.receive(
      "shell",
      requestFrames("inspect_request", { code, cursor_pos, detail_level: 0 }, { msg_id }),
    );
    await kernel.whenIdle();
    const reply = replies.find((m) => (m.parent_header as { msg_id?: string }).msg_id === msg_id);
    return reply!.content as { status: string; found: boolean; data: Record<string, string> };
  };
  return { kernel, inspect };
}

describe("inspect_request on a tsnb export", () => {
  // The first request loads the TypeScript language service and all of tsnb's sources.
  it("shows fitCurve's documentation, after its name and inside its call", async () => {
    const { inspect } = kernelWithLanguage();
    const code = 'import { fitCurve } from "tsnb";\nfitCurve(';
    for (const cursor of [[...code].length - 1, [...code].length]) {
      const reply = await inspect(code, cursor);
      expect(reply).toMatchObject({ status: "ok", found: true });
      const text = reply.data["text/plain"];
      expect(text).toContain("fitCurve(spec: FitSpec): FitResult");
      expect(text).toContain("Levenberg–Marquardt from every start of a grid");
      // the example's code starts on a line of its own; markdown shows it as a code block
      expect(text).toMatch(/\nExample:\nconst x = \[1, 2, 4/);
      expect(reply.data["text/markdown"]).toMatch(
        /\*\*Example\*\*\n\n```typescript\nconst x = [^\n]*\nconst fit = fitCurve\(\{[\s\S]*\n```/,
      );
    }
  }, 120_000);
});
