// The launched kernel over real ZeroMQ sockets, as kernel.json starts it (kernel/launch.mjs):
// heartbeat echo, kernel_info, a forged message dropped and logged, SIGINT (interrupt_mode
// "signal") stopping an infinite loop with the state kept, and shutdown ending the process.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as zmq from "zeromq";
import type { Message } from "../../kernel/protocol/message.ts";
import { createSigner } from "../../kernel/protocol/sign.ts";
import { decodeFrames } from "../../kernel/protocol/wire.ts";
import { KEY, requestFrames } from "./frames.ts";
import { freePort, stopGroup } from "./jupyter.ts";

const REPO = resolve(import.meta.dirname, "../..");
const signer = createSigner(KEY);
let folder: string;
let kernel: ChildProcess;
let stderr = "";
const sockets: zmq.Socket[] = [];
let shell: zmq.Dealer;
let control: zmq.Dealer;
let iopub: zmq.Subscriber;
const published: Message[] = [];

async function reply(socket: zmq.Dealer, msg_type: string, content: object = {}): Promise<Message> {
  const msg_id = `${msg_type}-${Math.random()}`;
  await socket.send(requestFrames(msg_type, content, { identity: null, msg_id }));
  for (;;) {
    const decoded = decodeFrames(await socket.receive(), signer);
    if (!decoded.ok) throw new Error(decoded.reason);
    if ((decoded.message.parent_header as { msg_id?: string }).msg_id === msg_id)
      return decoded.message;
  }
}

/** Interrupts (again every 2 s, as a user would) until `running` settles; a loaded machine may not have started the loop yet. */
async function untilSettled<T>(running: Promise<T>, interrupt: () => unknown): Promise<T> {
  let settled = false;
  const finished = running.finally(() => (settled = true));
  while (!settled) {
    await interrupt();
    await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, 2000))]);
  }
  return finished;
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "tsnb-launch-"));
  const ports = await Promise.all([1, 2, 3, 4, 5].map(() => freePort()));
  const connection = {
    transport: "tcp",
    ip: "127.0.0.1",
    shell_port: ports[0],
    control_port: ports[1],
    stdin_port: ports[2],
    iopub_port: ports[3],
    hb_port: ports[4],
    key: KEY,
    signature_scheme: "hmac-sha256",
  };
  const file = join(folder, "connection.json");
  writeFileSync(file, JSON.stringify(connection));
  kernel = spawn(process.execPath, [join(REPO, "kernel/launch.mjs"), file], {
    cwd: folder,
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
  });
  kernel.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  shell = new zmq.Dealer({ linger: 0, receiveTimeout: 60_000 });
  control = new zmq.Dealer({ linger: 0, receiveTimeout: 60_000 });
  iopub = new zmq.Subscriber({ linger: 0 });
  sockets.push(shell, control, iopub);
  shell.connect(`tcp://127.0.0.1:${connection.shell_port}`);
  control.connect(`tcp://127.0.0.1:${connection.control_port}`);
  iopub.connect(`tcp://127.0.0.1:${connection.iopub_port}`);
  iopub.subscribe();
  void (async () => {
    for await (const frames of iopub) {
      const decoded = decodeFrames(frames, signer);
      if (decoded.ok) published.push(decoded.message);
    }
  })().catch(() => undefined);
  const hb = new zmq.Request({ linger: 0, receiveTimeout: 60_000 });
  sockets.push(hb);
  hb.connect(`tcp://127.0.0.1:${connection.hb_port}`);
  await hb.send("ping");
  const [echo] = await hb.receive();
  expect(String(echo)).toBe("ping");
}, 90_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await stopGroup(kernel);
  rmSync(folder, { recursive: true, force: true });
});

describe("the launched kernel over ZeroMQ", () => {
  it("answers kernel_info on shell", async () => {
    const message = await reply(shell, "kernel_info_request");
    expect(message.content).toMatchObject({ implementation: "tsnb", protocol_version: "5.3" });
  });

  it("drops a forged execute_request, logs it, and keeps answering", async () => {
    await shell.send(
      requestFrames(
        "execute_request",
        { code: "globalThis.forged = true" },
        { identity: null, key: "not-the-key" },
      ),
    );
    const info = await reply(shell, "kernel_info_request");
    expect(info.header.msg_type).toBe("kernel_info_reply");
    const check = await reply(shell, "execute_request", {
      code: "typeof globalThis.forged",
      silent: false,
    });
    expect(check.content.status).toBe("ok");
    const result = published.find(
      (message) =>
        message.header.msg_type === "execute_result" &&
        (message.parent_header as { msg_id: string }).msg_id ===
          (check.parent_header as { msg_id: string }).msg_id,
    );
    expect(result?.content.data).toEqual({ "text/plain": "'undefined'" });
    expect(stderr).toMatch(/dropped a message on shell: signature missing or wrong/);
  }, 60_000);

  it("SIGINT interrupts an infinite loop; state is kept", async () => {
    await reply(shell, "execute_request", { code: "const kept = 'yes'" });
    const spinning = reply(shell, "execute_request", { code: "while (true) {}" });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const interrupted = await untilSettled(spinning, () => process.kill(kernel.pid!, "SIGINT"));
    expect(interrupted.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
    const after = await reply(shell, "execute_request", { code: "kept" });
    expect(after.content.status).toBe("ok");
  }, 60_000);

  it("interrupt_request on control interrupts too", async () => {
    const spinning = reply(shell, "execute_request", { code: "for (;;) {}" });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const acks: Message[] = [];
    const interrupted = await untilSettled(
      spinning,
      async () => void acks.push(await reply(control, "interrupt_request")),
    );
    expect(acks[0]!.content).toEqual({ status: "ok" });
    expect(interrupted.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
  }, 60_000);

  it("survives a cell that ends the runtime (process.exit): error in the cell, fresh session after", async () => {
    const ended = await reply(shell, "execute_request", { code: "process.exit(3)" });
    expect(ended.content).toMatchObject({ status: "error", ename: "RuntimeLost" });
    const after = await reply(shell, "execute_request", { code: "typeof kept" });
    expect(after.content.status).toBe("ok");
    const result = published.find(
      (message) =>
        message.header.msg_type === "execute_result" &&
        (message.parent_header as { msg_id: string }).msg_id ===
          (after.parent_header as { msg_id: string }).msg_id,
    );
    expect(result?.content.data).toEqual({ "text/plain": "'undefined'" });
  }, 60_000);

  it("shutdown_request on control replies and ends the process", async () => {
    const exited = new Promise<number | null>((resolve) =>
      kernel.once("exit", (code) => resolve(code)),
    );
    const message = await reply(control, "shutdown_request", { restart: false });
    expect(message.content).toEqual({ status: "ok", restart: false });
    expect(await exited).toBe(0);
  }, 30_000);
});
