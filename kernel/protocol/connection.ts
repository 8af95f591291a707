// The connection file the launcher writes (jupyter_client "connection files"): transport, ip,
// five ports, key and signature_scheme. Validated field by field so a bad file says what is
// wrong and where instead of failing later inside a socket bind.
import { readFile } from "node:fs/promises";
import { isJsonObject } from "./message.ts";

export interface ConnectionInfo {
  transport: "tcp" | "ipc";
  ip: string;
  shell_port: number;
  control_port: number;
  stdin_port: number;
  iopub_port: number;
  hb_port: number;
  key: string;
  signature_scheme: string;
}

export const CHANNELS = ["shell", "control", "stdin", "iopub", "hb"] as const;
export type Channel = (typeof CHANNELS)[number];

export function parseConnection(text: string, where = "connection file"): ConnectionInfo {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${where}: not valid JSON (${(error as Error).message})`);
  }
  if (!isJsonObject(value)) throw new Error(`${where}: expected a JSON object`);
  const transport = value.transport ?? "tcp";
  if (transport !== "tcp" && transport !== "ipc") {
    throw new Error(`${where}: transport must be "tcp" or "ipc", got ${JSON.stringify(transport)}`);
  }
  const ip = value.ip ?? "127.0.0.1";
  if (typeof ip !== "string" || ip === "")
    throw new Error(`${where}: ip must be a non-empty string`);
  const ports: Record<string, number> = {};
  for (const channel of CHANNELS) {
    const port = value[`${channel}_port`];
    if (typeof port !== "number" || !Number.isInteger(port) || port < 0 || port > 65535) {
      throw new Error(
        `${where}: ${channel}_port must be an integer port 0..65535, got ${JSON.stringify(port)}`,
      );
    }
    ports[channel] = port;
  }
  const key = value.key ?? "";
  if (typeof key !== "string") throw new Error(`${where}: key must be a string`);
  const scheme = value.signature_scheme ?? "hmac-sha256";
  if (typeof scheme !== "string") throw new Error(`${where}: signature_scheme must be a string`);
  return {
    transport,
    ip,
    shell_port: ports.shell!,
    control_port: ports.control!,
    stdin_port: ports.stdin!,
    iopub_port: ports.iopub!,
    hb_port: ports.hb!,
    key,
    signature_scheme: scheme,
  };
}

export async function readConnection(path: string): Promise<ConnectionInfo> {
  return parseConnection(await readFile(path, "utf8"), path);
}

/** ZeroMQ endpoint of one channel: tcp://ip:port, or ipc://ip-N as jupyter_client names them. */
export function endpoint(info: ConnectionInfo, channel: Channel): string {
  const port = info[`${channel}_port`];
  return info.transport === "tcp" ? `tcp://${info.ip}:${port}` : `ipc://${info.ip}-${port}`;
}
