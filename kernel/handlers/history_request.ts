// history_request (messaging spec 5.3, "History"): tail, range or search over this kernel's cells.
import type { Handler } from "../handler.ts";
import { queryHistory } from "../history.ts";

const optionalNumber = (value: unknown) => (typeof value === "number" ? value : undefined);

export const history_request: Handler = async (kernel, request) => {
  const c = request.content;
  const history = queryHistory(kernel.history, {
    output: c.output === true,
    raw: c.raw !== false,
    hist_access_type: typeof c.hist_access_type === "string" ? c.hist_access_type : "tail",
    session: optionalNumber(c.session),
    start: optionalNumber(c.start),
    stop: optionalNumber(c.stop),
    n: optionalNumber(c.n),
    pattern: typeof c.pattern === "string" ? c.pattern : undefined,
    unique: c.unique === true,
  });
  return { status: "ok", history };
};
