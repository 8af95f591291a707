// Correctly signed requests with hostile content: every handler must answer (or stay silent)
// without throwing out of the message loop, and the kernel must keep serving afterwards.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Kernel } from "../../kernel/kernel.ts";
import { handlers } from "../../kernel/handlers/index.ts";
import { createSigner } from "../../kernel/protocol/sign.ts";
import { decodeFrames } from "../../kernel/protocol/wire.ts";
import { FakeSession } from "./fake-session.ts";
import { KEY, requestFrames } from "./frames.ts";

const signer = createSigner(KEY);

describe("Kernel under fuzzed request content", () => {
  it("never crashes, always returns to idle, and still answers kernel_info", async () => {
    const types = Object.keys(handlers).filter((type) => type !== "shutdown_request");
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            channel: fc.constantFrom("shell" as const, "control" as const, "stdin" as const),
            msg_type: fc.oneof(fc.constantFrom(...types), fc.string()),
            content: fc.dictionary(
              fc.constantFrom(
                "code",
                "cursor_pos",
                "detail_level",
                "user_expressions",
                "silent",
                "hist_access_type",
                "n",
                "pattern",
                "value",
                "comm_id",
                "restart",
              ),
              fc.jsonValue(),
            ),
          }),
          { maxLength: 12 },
        ),
        async (requests) => {
          const sent: string[] = [];
          const logs: string[] = [];
          const kernel = new Kernel({
            session: new FakeSession(),
            signer,
            log: (level, message) => logs.push(`${level}: ${message}`),
            send: (_channel, frames) => {
              const decoded = decodeFrames(frames, signer);
              if (!decoded.ok) throw new Error(`undecodable output: ${decoded.reason}`);
              sent.push(decoded.message.header.msg_type);
            },
            loadLanguage: async () => ({
              complete: (_cells, code, cursor) => ({
                matches: [],
                cursor_start: Math.min(cursor, code.length),
                cursor_end: cursor,
              }),
              inspect: () => ({ found: false, data: {} }),
              isComplete: () => ({ status: "complete" as const }),
              diagnose: () => [],
            }),
          });
          requests.forEach((request, i) =>
            kernel.receive(
              request.channel,
              requestFrames(request.msg_type, request.content, { msg_id: `fuzz-${i}` }),
            ),
          );
          await kernel.whenIdle();
          const busy = sent.filter((type) => type === "status").length;
          expect(busy % 2).toBe(0);
          kernel.receive("shell", requestFrames("kernel_info_request", {}, { msg_id: "final" }));
          await kernel.whenIdle();
          expect(sent).toContain("kernel_info_reply");
        },
      ),
      { seed: 2024, numRuns: 150 },
    );
  }, 60_000);
});
