// comm_open (messaging spec 5.3, "Custom Messages"): tsnb registers no comm targets, so, as
// ipykernel does for an unknown target, the comm is closed right away on iopub. No reply.
import type { Handler } from "../handler.ts";

export const comm_open: Handler = async (kernel, request) => {
  const comm_id = typeof request.content.comm_id === "string" ? request.content.comm_id : "";
  kernel.log(
    "info",
    `comm_open for unknown target ${JSON.stringify(request.content.target_name)}: closing comm ${comm_id}`,
  );
  kernel.publish("comm_close", { comm_id, data: {} }, request);
  return undefined;
};
