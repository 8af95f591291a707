// is_complete_request (messaging spec 5.3, "Code completeness"): console front ends ask whether
// Enter should run the code or open a new, indented line.
import type { Handler } from "../handler.ts";

export const is_complete_request: Handler = async (kernel, request) => {
  const code = typeof request.content.code === "string" ? request.content.code : "";
  const result = await kernel.unlessExecuteWaits(
    kernel.language().then((tools) => tools.isComplete(code)),
  );
  if (result === undefined) return { status: "unknown" };
  return result.status === "incomplete"
    ? { status: "incomplete", indent: result.indent ?? "" }
    : { status: result.status };
};
