// Jupyter message shapes (messaging spec 5.3, "General Message Format"). Field names are the
// spec's own; incoming values are untrusted JSON, so headers are validated by `parseHeader`
// before anything reads them.
import { randomUUID } from "node:crypto";

export const PROTOCOL_VERSION = "5.3";

export interface Header {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

export type JsonObject = Record<string, unknown>;

/** A decoded message; `identities` are the ZeroMQ routing prefix (ROUTER sockets only). */
export interface Message<C extends JsonObject = JsonObject> {
  identities: Buffer[];
  header: Header;
  parent_header: Header | JsonObject;
  metadata: JsonObject;
  content: C;
  buffers: Buffer[];
}

/** Where a reply goes and what it answers: the request's identities and header. */
export interface Parent {
  identities: Buffer[];
  header: Header | JsonObject;
}

export function makeHeader(msg_type: string, session: string, username = "kernel"): Header {
  return {
    msg_id: randomUUID(),
    session,
    username,
    date: new Date().toISOString(),
    msg_type,
    version: PROTOCOL_VERSION,
  };
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The header fields every request must carry; anything else is reported as malformed. */
export function parseHeader(value: unknown): Header | string {
  if (!isJsonObject(value)) return "header is not a JSON object";
  for (const field of ["msg_id", "msg_type"] as const) {
    if (typeof value[field] !== "string" || value[field] === "")
      return `header.${field} missing or not a string`;
  }
  return {
    msg_id: value.msg_id as string,
    session: typeof value.session === "string" ? value.session : "",
    username: typeof value.username === "string" ? value.username : "",
    date: typeof value.date === "string" ? value.date : "",
    msg_type: value.msg_type as string,
    version: typeof value.version === "string" ? value.version : PROTOCOL_VERSION,
  };
}
