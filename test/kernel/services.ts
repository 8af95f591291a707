// JupyterLab's client side for tests: @jupyterlab/services connected to a test jupyter server
// (./jupyter.ts), with a notebook session on the tsnb kernel, as JupyterLab opens one.
import { KernelManager, ServerConnection, SessionManager, type Kernel } from "@jupyterlab/services";
import WebSocket from "ws";
import type { JupyterServer } from "./jupyter.ts";

export interface LabClient {
  kernel: Kernel.IKernelConnection;
  kernelManager: KernelManager;
  sessionManager: SessionManager;
  /** Shuts the session's kernels down and disposes the managers. */
  close(): Promise<void>;
}

export async function openNotebookSession(server: JupyterServer, path: string): Promise<LabClient> {
  const serverSettings = ServerConnection.makeSettings({
    baseUrl: server.baseUrl,
    wsUrl: server.wsUrl,
    token: server.token,
    appendToken: true,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    fetch: globalThis.fetch,
    Request: globalThis.Request,
    Headers: globalThis.Headers,
  });
  const kernelManager = new KernelManager({ serverSettings });
  const sessionManager = new SessionManager({ kernelManager, serverSettings });
  await sessionManager.ready;
  const session = await sessionManager.startNew({
    path,
    name: path,
    type: "notebook",
    kernel: { name: "tsnb" },
  });
  return {
    kernel: session.kernel!,
    kernelManager,
    sessionManager,
    async close() {
      try {
        await sessionManager.shutdownAll();
      } catch {
        // The server may already be gone; stopping its process group ends the kernels anyway.
      }
      sessionManager.dispose();
      kernelManager.dispose();
    },
  };
}
