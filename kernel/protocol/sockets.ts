// ZeroMQ sockets of one kernel (messaging spec 5.3, "Introduction"): shell, control and stdin
// ROUTER, iopub PUB, heartbeat REP that echoes. zeromq v6 allows one send in flight per socket,
// so every socket's sends go through a promise chain that keeps their order.
import * as zmq from "zeromq";
import { endpoint, type Channel, type ConnectionInfo } from "./connection.ts";

export type OutChannel = "shell" | "control" | "stdin" | "iopub";
type Readable = zmq.Router;

export interface KernelSockets {
  /** The connection info with any port 0 replaced by the port actually bound. */
  info: ConnectionInfo;
  send(channel: OutChannel, frames: Buffer[]): Promise<void>;
  /** Calls `onMessage` for each multipart message arriving on a ROUTER channel. */
  listen(onMessage: (channel: "shell" | "control" | "stdin", frames: Buffer[]) => void): void;
  /** Resolves when every send queued so far has been handed to ZeroMQ. */
  flush(): Promise<void>;
  close(): void;
}

async function bind(socket: zmq.Socket, info: ConnectionInfo, channel: Channel): Promise<number> {
  const port = info[`${channel}_port`];
  if (info.transport === "tcp" && port === 0) {
    await socket.bind(`tcp://${info.ip}:*`);
    return Number(/:(\d+)$/.exec(socket.lastEndpoint ?? "")?.[1] ?? 0);
  }
  await socket.bind(endpoint(info, channel));
  return port;
}

export async function openSockets(
  info: ConnectionInfo,
  onError: (error: unknown) => void,
): Promise<KernelSockets> {
  const routers = { shell: new zmq.Router(), control: new zmq.Router(), stdin: new zmq.Router() };
  const iopub = new zmq.Publisher();
  const hb = new zmq.Reply();
  const all: zmq.Socket[] = [routers.shell, routers.control, routers.stdin, iopub, hb];
  for (const socket of all) socket.linger = 0;
  const bound = { ...info };
  bound.shell_port = await bind(routers.shell, info, "shell");
  bound.control_port = await bind(routers.control, info, "control");
  bound.stdin_port = await bind(routers.stdin, info, "stdin");
  bound.iopub_port = await bind(iopub, info, "iopub");
  bound.hb_port = await bind(hb, info, "hb");

  let closed = false;
  void (async () => {
    try {
      for await (const frames of hb) await hb.send(frames);
    } catch (error) {
      if (!closed) onError(error);
    }
  })();

  const writable: Record<OutChannel, zmq.Router | zmq.Publisher> = { ...routers, iopub };
  const chains = new Map<OutChannel, Promise<void>>();
  return {
    info: bound,
    send(channel, frames) {
      const previous = chains.get(channel) ?? Promise.resolve();
      const next = previous.then(async () => {
        if (closed) return;
        try {
          await writable[channel].send(frames);
        } catch (error) {
          if (!closed) onError(error);
        }
      });
      chains.set(channel, next);
      return next;
    },
    listen(onMessage) {
      for (const channel of ["shell", "control", "stdin"] as const) {
        const socket: Readable = routers[channel];
        void (async () => {
          try {
            for await (const frames of socket) onMessage(channel, frames as Buffer[]);
          } catch (error) {
            if (!closed) onError(error);
          }
        })();
      }
    },
    async flush() {
      await Promise.all(chains.values());
    },
    close() {
      closed = true;
      for (const socket of all) socket.close();
    },
  };
}
