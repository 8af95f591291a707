import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSigner } from "../../kernel/protocol/sign.ts";
import { DELIMITER, decodeFrames, encodeMessage } from "../../kernel/protocol/wire.ts";
import { makeHeader } from "../../kernel/protocol/message.ts";
import { KEY, requestFrames } from "./frames.ts";

const signer = createSigner(KEY);

describe("decodeFrames", () => {
  it("decodes identities, the four JSON parts and buffers", () => {
    const frames = [
      ...requestFrames("execute_request", { code: "1 + 1" }, { identity: "abc" }),
      Buffer.from([1, 2, 3]),
    ];
    const decoded = decodeFrames(frames, signer);
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(decoded.message.identities.map(String)).toEqual(["abc"]);
    expect(decoded.message.header.msg_type).toBe("execute_request");
    expect(decoded.message.content).toEqual({ code: "1 + 1" });
    expect(decoded.message.buffers).toEqual([Buffer.from([1, 2, 3])]);
  });

  it("keeps several routing identities in order", () => {
    const frames = requestFrames("kernel_info_request");
    const decoded = decodeFrames([Buffer.from("proxy"), ...frames], signer);
    expect(decoded.ok && decoded.message.identities.map(String)).toEqual(["proxy", "client-1"]);
  });

  it("rejects a forged message: signed with another key", () => {
    const decoded = decodeFrames(
      requestFrames("execute_request", { code: "evil()" }, { key: "attacker" }),
      signer,
    );
    expect(decoded).toMatchObject({ ok: false, reason: expect.stringMatching(/signature/) });
  });

  it("rejects a message whose content was changed after signing", () => {
    const frames = requestFrames("execute_request", { code: "1" });
    frames[6] = Buffer.from(JSON.stringify({ code: "process.exit()" }));
    expect(decodeFrames(frames, signer)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/signature/),
    });
  });

  it("rejects an unsigned message when a key is set", () => {
    const frames = requestFrames("execute_request", { code: "1" }, { key: "" });
    expect(decodeFrames(frames, signer)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/signature/),
    });
  });

  it("accepts unsigned messages when the key is empty", () => {
    const decoded = decodeFrames(
      requestFrames("kernel_info_request", {}, { key: "" }),
      createSigner(""),
    );
    expect(decoded.ok).toBe(true);
  });

  it("names what is wrong with malformed frames", () => {
    const good = requestFrames("kernel_info_request");
    expect(
      decodeFrames(
        good.filter((_, i) => i !== 1),
        signer,
      ),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/delimiter/) });
    expect(decodeFrames(good.slice(0, 5), signer)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/got 3 frames/),
    });
    const badJson = [
      Buffer.from("id"),
      Buffer.from(DELIMITER),
      Buffer.alloc(0),
      Buffer.from("{not json"),
      Buffer.from("{}"),
      Buffer.from("{}"),
      Buffer.from("{}"),
    ];
    expect(decodeFrames(badJson, createSigner(""))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/header is not valid JSON/),
    });
    const noType = [
      Buffer.from("id"),
      Buffer.from(DELIMITER),
      Buffer.alloc(0),
      Buffer.from('{"msg_id":"1"}'),
      Buffer.from("{}"),
      Buffer.from("{}"),
      Buffer.from("{}"),
    ];
    expect(decodeFrames(noType, createSigner(""))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/msg_type/),
    });
    const arrayContent = [
      Buffer.from("id"),
      Buffer.from(DELIMITER),
      Buffer.alloc(0),
      Buffer.from('{"msg_id":"1","msg_type":"x"}'),
      Buffer.from("{}"),
      Buffer.from("{}"),
      Buffer.from("[]"),
    ];
    expect(decodeFrames(arrayContent, createSigner(""))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/content is not a JSON object/),
    });
  });

  it("never throws and never accepts random frames as a signed message (fuzz)", () => {
    const frame = fc.oneof(
      fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
      fc.constant(Buffer.from(DELIMITER)),
      fc.json().map((text) => Buffer.from(text)),
      fc.constantFrom(
        Buffer.from("{}"),
        Buffer.from('{"msg_id":"1","msg_type":"execute_request"}'),
      ),
    );
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 12 }), (frames) => {
        const decoded = decodeFrames(frames, signer);
        // Without the key a random list cannot carry a valid HMAC.
        expect(decoded.ok).toBe(false);
      }),
      { seed: 7, numRuns: 2000 },
    );
  });

  it("never throws on mutated versions of a valid message (fuzz), and accepts only those with intact signed parts", () => {
    const base = requestFrames("execute_request", { code: "x" });
    fc.assert(
      fc.property(
        fc.nat(base.length - 1),
        fc.uint8Array({ maxLength: 16 }),
        fc.boolean(),
        (index, bytes, drop) => {
          const frames = base.slice();
          if (drop) frames.splice(index, 1);
          else frames[index] = Buffer.concat([frames[index]!, Buffer.from(bytes)]);
          const decoded = decodeFrames(frames, signer);
          // The routing identity (frame 0) is not signed: changing or dropping it keeps the message valid.
          const signedPartsIntact = index === 0 || (!drop && bytes.length === 0);
          expect(decoded.ok).toBe(signedPartsIntact);
        },
      ),
      { seed: 11, numRuns: 1000 },
    );
  });

  it("round-trips what encodeMessage writes (property)", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.array(fc.string({ minLength: 1 }), { maxLength: 3 }),
        (content, identities) => {
          const header = makeHeader("execute_reply", "s");
          const frames = encodeMessage(
            {
              identities: identities.map((id) => Buffer.from(id)),
              header,
              parent_header: {},
              metadata: {},
              content,
            },
            signer,
          );
          const decoded = decodeFrames(frames, signer);
          if (!decoded.ok) throw new Error(decoded.reason);
          expect(decoded.message.header).toEqual(header);
          expect(decoded.message.content).toEqual(JSON.parse(JSON.stringify(content)));
        },
      ),
      { seed: 3, numRuns: 300 },
    );
  });
});
