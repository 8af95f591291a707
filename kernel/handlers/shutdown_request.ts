// shutdown_request (messaging spec 5.3, "Kernel shutdown"), on shell or control: reply, then
// stop. With restart: true the launcher (jupyter_client's KernelManager) starts a new process.
import type { Handler } from "../handler.ts";

export const shutdown_request: Handler = async (kernel, request) => {
  const restart = request.content.restart === true;
  kernel.shutdown(restart);
  return { status: "ok", restart };
};
