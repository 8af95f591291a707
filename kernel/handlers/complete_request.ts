// complete_request (messaging spec 5.3, "Completion"): type-aware matches from the TypeScript
// language service over the cells that ran plus this code. Positions cross the protocol in
// code points and are converted to UTF-16 for the language service and back.
import type { Handler } from "../handler.ts";
import { codePointToUtf16, utf16ToCodePoint } from "../protocol/cursor.ts";

export const complete_request: Handler = async (kernel, request) => {
  const code = typeof request.content.code === "string" ? request.content.code : "";
  const cursorPoints =
    typeof request.content.cursor_pos === "number" ? request.content.cursor_pos : [...code].length;
  const cursor = codePointToUtf16(code, cursorPoints);
  const result = await kernel.unlessExecuteWaits(
    kernel.language().then((tools) => tools.complete(kernel.executedCells, code, cursor)),
  );
  // a cell waits to run behind this request while the language service is busy: no matches
  // now rather than a late run
  if (result === undefined)
    return {
      status: "ok",
      matches: [],
      cursor_start: cursorPoints,
      cursor_end: cursorPoints,
      metadata: {},
    };
  const toPoints = (offset: number) => utf16ToCodePoint(code, offset);
  return {
    status: "ok",
    matches: result.matches.map((match) => match.text),
    cursor_start: toPoints(result.cursor_start),
    cursor_end: toPoints(result.cursor_end),
    metadata: {
      _jupyter_types_experimental: result.matches.map((match) => ({
        start: toPoints(result.cursor_start),
        end: toPoints(result.cursor_end),
        text: match.text,
        type: match.type,
        signature: match.signature ?? "",
      })),
    },
  };
};
