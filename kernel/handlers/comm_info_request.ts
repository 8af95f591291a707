// comm_info_request (messaging spec 5.3, "Comm info"): tsnb opens no comms, so the answer is
// always the empty map, whatever target_name is asked for.
import type { Handler } from "../handler.ts";

export const comm_info_request: Handler = async () => ({ status: "ok", comms: {} });
