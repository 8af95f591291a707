// Inside the worker: one Session, driven by messages from WorkerSession. Outputs, display
// updates and stdin requests travel back as messages; the interrupt flag is shared memory.
// The worker also guards the host from what a cell can do to a thread: an exception thrown
// or a promise rejected by a callback after its cell returned ends the running cell (or is
// reported as a late error of the last cell) instead of killing the thread, and a top-level
// await that nothing can settle any more fails instead of hanging the run forever.
import type { MessagePort } from "node:worker_threads";
import type { OutputSink } from "../display/sink.ts";
import { LateError, UnsettledAwaitError } from "./errors.ts";
import { pendingLoads } from "./modules.ts";
import { Session } from "./session.ts";
import type { HostMessage, WorkerMessage, WorkerOptions } from "./worker-protocol.ts";

/** How often the unsettled-await watchdog looks, and how many idle looks in a row fail the cell. */
const WATCH_INTERVAL_MS = 250;
const IDLE_LOOKS = 3;

/** Resources of this thread that cannot settle a cell's promise: our own port and watchdog timer. */
function waitingOnNothing(): boolean {
  let timers = 0;
  for (const resource of process.getActiveResourcesInfo()) {
    if (resource === "MessagePort" || resource === "CloseReq") continue;
    if (resource === "Timeout" && timers++ === 0) continue; // the watchdog's own interval
    return false;
  }
  return pendingLoads() === 0;
}

export function serveSession(port: MessagePort, options: WorkerOptions): void {
  const session = new Session({ ...options, interruptFlag: new Int32Array(options.flag) });
  const pendingInputs = new Map<
    number,
    { resolve(value: string): void; reject(error: Error): void }
  >();
  let nextInput = 0;
  let lastCell: number | undefined;
  const send = (message: WorkerMessage) => port.postMessage(message);

  const late = (error: unknown) => {
    const failure = new LateError(error);
    if (session.fail(failure)) return;
    send({ type: "late-error", id: lastCell, error: session.errorOutput(failure) });
  };
  process.on("uncaughtException", late);
  process.on("unhandledRejection", late);

  const watch = () => {
    let idle = 0;
    const timer = setInterval(() => {
      idle = pendingInputs.size === 0 && waitingOnNothing() ? idle + 1 : 0;
      if (idle >= IDLE_LOOKS) session.fail(new UnsettledAwaitError());
    }, WATCH_INTERVAL_MS);
    return () => clearInterval(timer);
  };

  port.on("message", async (message: HostMessage) => {
    switch (message.type) {
      case "execute": {
        lastCell = message.id;
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
        const stopWatching = watch();
        try {
          const reply = await session.execute(message.code, sink, {
            executionCount: message.executionCount,
          });
          send({ type: "done", id: message.id, reply });
        } finally {
          stopWatching();
        }
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
  // Ready once the display layer is in: a cell's timeout then counts the cell, not the start.
  void session.loaded().finally(() => send({ type: "ready" }));
}
