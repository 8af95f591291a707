// The request handlers, one per file, registered by msg_type. Shell and control share this
// table, as in ipykernel; a msg_type missing here is logged and left unanswered.
import type { Handler } from "../handler.ts";
import { comm_info_request } from "./comm_info_request.ts";
import { comm_close, comm_msg } from "./comm_msg.ts";
import { comm_open } from "./comm_open.ts";
import { complete_request } from "./complete_request.ts";
import { execute_request } from "./execute_request.ts";
import { history_request } from "./history_request.ts";
import { inspect_request } from "./inspect_request.ts";
import { interrupt_request } from "./interrupt_request.ts";
import { is_complete_request } from "./is_complete_request.ts";
import { kernel_info_request } from "./kernel_info_request.ts";
import { shutdown_request } from "./shutdown_request.ts";

export const handlers: Readonly<Record<string, Handler>> = Object.freeze({
  kernel_info_request,
  execute_request,
  complete_request,
  inspect_request,
  is_complete_request,
  history_request,
  comm_info_request,
  comm_open,
  comm_msg,
  comm_close,
  shutdown_request,
  interrupt_request,
});
