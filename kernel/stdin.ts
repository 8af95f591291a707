// The stdin channel's one outstanding question (messaging spec 5.3, "Messages on the stdin
// ROUTER/DEALER channel"): an input_request waits for its input_reply; an interrupt or a
// shutdown rejects it, so the cell's `await input()` ends instead of hanging.
import type { Logger } from "./protocol/log.ts";
import type { Message } from "./protocol/message.ts";

export class InputInterruptedError extends Error {
  constructor() {
    super("input(): interrupted while waiting for the user's reply");
    this.name = "KeyboardInterrupt";
  }
}

export class PendingInput {
  private waiting: { resolve: (value: string) => void; reject: (error: Error) => void } | undefined;

  /** Waits for the next input_reply; `send` emits the input_request. A newer question replaces an older one. */
  ask(send: () => void): Promise<string> {
    this.cancel(new Error("input(): superseded by a newer input request"));
    const reply = new Promise<string>((resolve, reject) => (this.waiting = { resolve, reject }));
    send();
    return reply;
  }

  /** Delivers a message that arrived on stdin. */
  answer(message: Message, log: Logger): void {
    if (message.header.msg_type !== "input_reply") {
      log(
        "warn",
        `dropped a ${message.header.msg_type} on stdin: only input_reply is expected there`,
      );
      return;
    }
    const waiting = this.waiting;
    if (waiting === undefined) {
      log("warn", "dropped an input_reply: no input_request is waiting");
      return;
    }
    this.waiting = undefined;
    const value = message.content.value;
    waiting.resolve(typeof value === "string" ? value : String(value ?? ""));
  }

  cancel(error: Error): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(error);
  }
}
