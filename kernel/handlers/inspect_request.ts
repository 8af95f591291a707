// inspect_request (messaging spec 5.3, "Introspection"): the type signature and doc comment of
// the name at the cursor; detail_level 1 adds the declaration's source.
import type { Handler } from "../handler.ts";
import { codePointToUtf16 } from "../protocol/cursor.ts";

export const inspect_request: Handler = async (kernel, request) => {
  const code = typeof request.content.code === "string" ? request.content.code : "";
  const cursorPoints =
    typeof request.content.cursor_pos === "number" ? request.content.cursor_pos : [...code].length;
  const detail_level = request.content.detail_level === 1 ? 1 : 0;
  const result = await kernel.unlessExecuteWaits(
    kernel
      .language()
      .then((tools) =>
        tools.inspect(
          kernel.executedCells,
          code,
          codePointToUtf16(code, cursorPoints),
          detail_level,
        ),
      ),
  );
  if (result === undefined) return { status: "ok", found: false, data: {}, metadata: {} };
  return { status: "ok", found: result.found, data: result.found ? result.data : {}, metadata: {} };
};
