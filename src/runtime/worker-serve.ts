// Inside the worker: one Session, driven by messages from WorkerSession. Outputs, display
// updates and stdin requests travel back as messages; the interrupt flag is shared memory.
import type { MessagePort } from "node:worker_threads";
import type { OutputSink } from "../display/sink.ts";
import { Session } from "./session.ts";
import type { HostMessage, WorkerMessage, WorkerOptions } from "./worker-protocol.ts";

export function serveSession(port: MessagePort, options: WorkerOptions): void {
  const session = new Session({ ...options, interruptFlag: new Int32Array(options.flag) });
  const pendingInputs = new Map<
    number,
    { resolve(value: string): void; reject(error: Error): void }
  >();
  let nextInput = 0;
  const send = (message: WorkerMessage) => port.postMessage(message);

  port.on("message", async (message: HostMessage) => {
    switch (message.type) {
      case "execute": {
        const sink: OutputSink = {
          interactive: message.interactive,
          emit: (output) => send({ type: "output", id: message.id, output }),
          update: (displayId, data, metadata) =>
            send({ type: "update", id: message.id, displayId, data, metadata }),
          clear: (wait) => send({ type: "clear", id: message.id, wait }),
          input: message.allowStdin
            ? (prompt, password) =>
                new Promise<string>((resolve, reject) => {
                  const inputId = ++nextInput;
                  pendingInputs.set(inputId, { resolve, reject });
                  send({ type: "input", id: message.id, inputId, prompt, password });
                })
            : undefined,
        };
        const reply = await session.execute(message.code, sink, {
          executionCount: message.executionCount,
        });
        send({ type: "done", id: message.id, reply });
        break;
      }
      case "evaluate": {
        const results = await session.evaluate(message.expressions);
        send({ type: "evaluated", id: message.id, results });
        break;
      }
      case "input-reply": {
        const pending = pendingInputs.get(message.inputId);
        pendingInputs.delete(message.inputId);
        if (message.error !== undefined) pending?.reject(new Error(message.error));
        else pending?.resolve(message.value ?? "");
        break;
      }
      case "interrupt":
        session.interrupt();
        for (const pending of pendingInputs.values())
          pending.reject(new Error("input interrupted"));
        pendingInputs.clear();
        break;
    }
  });
  send({ type: "ready" });
}
