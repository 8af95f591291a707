// Test helper: build request frames as a client (jupyter_client) would, and read replies back.
import { createHmac, randomUUID } from "node:crypto";
import { DELIMITER } from "../../kernel/protocol/wire.ts";

export const KEY = "c0ffee-test-key";

export function header(msg_type: string, msg_id: string = randomUUID()) {
  return {
    msg_id,
    session: "client-session",
    username: "test",
    date: new Date(0).toISOString(),
    msg_type,
    version: "5.3",
  };
}

export function signFrames(key: string, json: Buffer[]): string {
  if (key === "") return "";
  const hmac = createHmac("sha256", key);
  for (const part of json) hmac.update(part);
  return hmac.digest("hex");
}

export function requestFrames(
  msg_type: string,
  content: object = {},
  options: { key?: string; identity?: string | null; msg_id?: string } = {},
): Buffer[] {
  const json = [header(msg_type, options.msg_id), {}, {}, content].map((part) =>
    Buffer.from(JSON.stringify(part)),
  );
  // A DEALER client sends no identity frame (identity: null): the kernel's ROUTER adds one.
  const identity = options.identity === null ? [] : [Buffer.from(options.identity ?? "client-1")];
  return [
    ...identity,
    Buffer.from(DELIMITER),
    Buffer.from(signFrames(options.key ?? KEY, json)),
    ...json,
  ];
}
