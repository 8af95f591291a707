// Frames <-> messages (messaging spec 5.3, "The Wire Protocol"):
//   [identities…, "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers…]
// `decodeFrames` is pure and total: any frame list yields either a message or a reason it was
// rejected (no delimiter, too few frames, bad signature, bad JSON, bad header) — never a throw,
// so a hostile or broken peer cannot crash the kernel.
import type { Signer } from "./sign.ts";
import {
  isJsonObject,
  parseHeader,
  type Header,
  type JsonObject,
  type Message,
} from "./message.ts";

export const DELIMITER = "<IDS|MSG>";
const DELIMITER_BYTES = Buffer.from(DELIMITER, "ascii");

export type Decoded =
  | { ok: true; message: Message; /** hex HMAC, "" when unsigned */ signature: string }
  | { ok: false; reason: string; identities: Buffer[] };

export function decodeFrames(frames: readonly Uint8Array[], signer: Signer): Decoded {
  const buffers = frames.map((frame) => (Buffer.isBuffer(frame) ? frame : Buffer.from(frame)));
  const at = buffers.findIndex((frame) => frame.equals(DELIMITER_BYTES));
  const identities = at < 0 ? [] : buffers.slice(0, at);
  const reject = (reason: string): Decoded => ({ ok: false, reason, identities });
  if (at < 0) return reject(`no "${DELIMITER}" delimiter among ${buffers.length} frames`);
  const rest = buffers.slice(at + 1);
  if (rest.length < 5) {
    return reject(
      `expected signature, header, parent_header, metadata, content after the delimiter; got ${rest.length} frames`,
    );
  }
  const [signature, ...json] = rest.slice(0, 5) as [Buffer, Buffer, Buffer, Buffer, Buffer];
  if (!signer.verify(signature, json)) return reject("signature missing or wrong (HMAC mismatch)");
  const names = ["header", "parent_header", "metadata", "content"];
  const parsed: unknown[] = [];
  for (let i = 0; i < 4; i++) {
    try {
      parsed.push(JSON.parse(json[i]!.toString("utf8")));
    } catch (error) {
      return reject(`${names[i]} is not valid JSON (${(error as Error).message})`);
    }
  }
  const header = parseHeader(parsed[0]);
  if (typeof header === "string") return reject(header);
  for (let i = 1; i < 4; i++) {
    if (!isJsonObject(parsed[i])) return reject(`${names[i]} is not a JSON object`);
  }
  return {
    ok: true,
    signature: signature.toString("ascii"),
    message: {
      identities,
      header,
      parent_header: parsed[1] as JsonObject,
      metadata: parsed[2] as JsonObject,
      content: parsed[3] as JsonObject,
      buffers: rest.slice(5),
    },
  };
}

export interface Outgoing {
  identities: Buffer[];
  header: Header;
  parent_header: Header | JsonObject;
  metadata: JsonObject;
  content: JsonObject;
  buffers?: Buffer[];
}

export function encodeMessage(message: Outgoing, signer: Signer): Buffer[] {
  const json = [message.header, message.parent_header, message.metadata, message.content].map(
    (part) => Buffer.from(JSON.stringify(part), "utf8"),
  );
  const signature = Buffer.from(signer.sign(json), "ascii");
  return [...message.identities, DELIMITER_BYTES, signature, ...json, ...(message.buffers ?? [])];
}
