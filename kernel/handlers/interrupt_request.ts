// interrupt_request (messaging spec 5.3, "Kernel interrupt"; kernelspec interrupt_mode
// "message"): stops the running cell with KeyboardInterrupt; the session keeps its state.
import type { Handler } from "../handler.ts";

export const interrupt_request: Handler = async (kernel) => {
  kernel.interrupt();
  return { status: "ok" };
};
