// Messages between WorkerSession (host thread) and the worker that runs the Session.
import type { IOutput } from "@jupyterlab/nbformat";
import type { MimeBundle, OutputMetadata } from "../display/sink.ts";
import type { ExecuteReply, ExpressionResult } from "./session.ts";
import type { ErrorContent } from "./traceback.ts";

export interface WorkerOptions {
  notebookDir?: string;
  seed?: number;
  flag: SharedArrayBuffer;
}

export type HostMessage =
  | {
      type: "execute";
      id: number;
      code: string;
      executionCount?: number;
      interactive: boolean;
      allowStdin: boolean;
    }
  | { type: "evaluate"; id: number; expressions: Record<string, string> }
  | { type: "input-reply"; inputId: number; value?: string; error?: string }
  | { type: "interrupt" };

export type WorkerMessage =
  | { type: "ready" }
  | { type: "output"; id: number; output: IOutput }
  | { type: "update"; id: number; displayId: string; data: MimeBundle; metadata: OutputMetadata }
  | { type: "clear"; id: number; wait: boolean }
  | { type: "input"; id: number; inputId: number; prompt: string; password: boolean }
  | { type: "done"; id: number; reply: ExecuteReply }
  /** A callback failed while no cell ran; `id` is the last execute request (if any). */
  | { type: "late-error"; id: number | undefined; error: ErrorContent }
  | { type: "evaluated"; id: number; results: Record<string, ExpressionResult> };
