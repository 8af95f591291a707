import fc from "fast-check";
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSigner } from "../../kernel/protocol/sign.ts";

const frames = (...parts: string[]) => parts.map((part) => Buffer.from(part));

describe("createSigner", () => {
  it("signs the concatenated frames with HMAC-SHA256 as jupyter_client does", () => {
    const signer = createSigner("secret");
    const parts = frames('{"msg_id":"1"}', "{}", "{}", '{"code":"1"}');
    const expected = createHmac("sha256", "secret").update(Buffer.concat(parts)).digest("hex");
    expect(signer.sign(parts)).toBe(expected);
  });

  it("accepts its own signature and rejects a changed frame, a changed key and a truncated digest", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.array(fc.string(), { minLength: 4, maxLength: 4 }),
        fc.string({ minLength: 1 }),
        (key, parts, extra) => {
          const signer = createSigner(key);
          const signed = frames(...parts);
          const signature = Buffer.from(signer.sign(signed));
          expect(signer.verify(signature, signed)).toBe(true);
          expect(
            signer.verify(signature, frames(parts[0]!, parts[1]!, parts[2]!, parts[3]! + extra)),
          ).toBe(false);
          expect(createSigner(key + extra).verify(signature, signed)).toBe(false);
          expect(signer.verify(signature.subarray(0, signature.length - 1), signed)).toBe(false);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it("rejects an empty signature when a key is set", () => {
    expect(createSigner("k").verify(Buffer.alloc(0), frames("{}", "{}", "{}", "{}"))).toBe(false);
  });

  it("disables signing for an empty key, as the spec says", () => {
    const signer = createSigner("");
    expect(signer.enabled).toBe(false);
    expect(signer.sign(frames("{}"))).toBe("");
    expect(signer.verify(Buffer.from("anything"), frames("{}"))).toBe(true);
  });

  it("supports other hmac-<digest> schemes, and refuses unknown ones naming them", () => {
    const parts = frames("{}", "{}", "{}", "{}");
    expect(createSigner("k", "hmac-sha512").sign(parts)).toBe(
      createHmac("sha512", "k").update("{}{}{}{}").digest("hex"),
    );
    expect(() => createSigner("k", "hmac-nope")).toThrow(/hmac-nope.*hmac-sha256/);
    expect(() => createSigner("k", "rsa")).toThrow(/"rsa" is not supported/);
  });
});
