// comm_msg and comm_close (messaging spec 5.3, "Custom Messages"): with no comms open there is
// nothing to deliver them to; they are accepted quietly (they never get a reply).
import type { Handler } from "../handler.ts";

export const comm_msg: Handler = async () => undefined;
export const comm_close: Handler = async () => undefined;
