// Kernel entry: read the connection file, bind the five sockets, serve until shutdown.
// The runtime's worker boots in parallel with the sockets and the TypeScript compiler is
// loaded on the first complete/inspect/is_complete request, so kernel_info is answered fast.
// SIGINT (kernelspec interrupt_mode "signal") interrupts the running cell like interrupt_request.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Kernel } from "./kernel.ts";
import { readConnection } from "./protocol/connection.ts";
import { stderrLogger, type Logger } from "./protocol/log.ts";
import { createSigner } from "./protocol/sign.ts";
import { openSockets } from "./protocol/sockets.ts";
import { restartingSession, type KernelSession } from "./session.ts";

export interface RunKernelOptions {
  log?: Logger;
  /** Folder for relative imports in cells; defaults to the working directory Jupyter gives us. */
  notebookDir?: string;
  /** Replace the runtime (tests). */
  createSession?: () => Promise<KernelSession>;
  /**
   * The tsnb package folder. Set by kernel/launch.mjs, which runs this module bundled to plain
   * JavaScript: the runtime and the language tools are TypeScript loaded from here through tsx,
   * registered only after the sockets answer, so start-up does not wait for the loader.
   */
  packageRoot?: string;
  registerTsx?: boolean;
}

const SOURCE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

let tsxRegistered: Promise<void> | undefined;
function ensureTsx(enabled: boolean): Promise<void> {
  if (!enabled) return Promise.resolve();
  tsxRegistered ??= import("tsx/esm/api").then(({ register }) => void register());
  return tsxRegistered;
}

async function importSource<T>(root: string, path: string, registerTsx: boolean): Promise<T> {
  await ensureTsx(registerTsx);
  // A checkout runs the .ts sources; an installed package has only their .js build.
  const file = join(root, path);
  const shipped = existsSync(file) ? file : file.replace(/\.ts$/, ".js");
  return (await import(pathToFileURL(shipped).href)) as T;
}

async function startWorkerSession(
  root: string,
  notebookDir: string,
  registerTsx: boolean,
): Promise<KernelSession> {
  const { WorkerSession } = await importSource<typeof import("../src/runtime/worker-session.ts")>(
    root,
    "src/runtime/worker-session.ts",
    registerTsx,
  );
  const session = new WorkerSession({ notebookDir });
  await session.ready;
  return session;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 1) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Serves one kernel until a shutdown_request (or SIGTERM); resolves with the exit code. */
export async function runKernel(
  connectionFile: string,
  options: RunKernelOptions = {},
): Promise<number> {
  const log =
    options.log ?? stderrLogger(process.env.TSNB_KERNEL_LOG === "debug" ? "debug" : "info");
  const notebookDir = options.notebookDir ?? process.cwd();
  const info = await readConnection(connectionFile);
  const signer = createSigner(info.key, info.signature_scheme);
  if (!signer.enabled) log("warn", "the connection file has an empty key: messages are not signed");
  const sockets = await openSockets(info, (error) =>
    log("error", `socket: ${(error as Error).message}`),
  );
  const root = options.packageRoot ?? SOURCE_ROOT;
  const registerTsx = options.registerTsx ?? false;
  // Loading tsx and booting the worker keep the event loop busy for a while: begin once the
  // first reply (kernel_info, which every client sends first) is out, or after 300 ms at most.
  let openGate = () => {};
  const gate = new Promise<void>((resolve) => (openGate = resolve));
  const gateTimer = setTimeout(() => openGate(), 300);
  const create =
    options.createSession ?? (() => startWorkerSession(root, notebookDir, registerTsx));
  const starting = () =>
    gate.then(() => {
      clearTimeout(gateTimer);
      const session = create();
      session.catch((error: Error) =>
        log("error", `the runtime failed to start: ${error.stack ?? error.message}`),
      );
      return session;
    });

  return new Promise<number>((resolve) => {
    const finish = (code: number) => {
      clearInterval(parentPoll);
      process.off("SIGINT", onInterrupt);
      process.off("SIGTERM", onTerminate);
      sockets.close();
      resolve(code);
    };
    const kernel = new Kernel({
      session: restartingSession(starting),
      signer,
      send: (channel, frames) => {
        const sent = sockets.send(channel, frames);
        if (channel === "shell" || channel === "control")
          void sent.then(() => setImmediate(openGate));
        return sent;
      },
      log,
      loadLanguage: async () => {
        const { createWorkerLanguageTools } = await importSource<
          typeof import("../src/runtime/language/worker-tools.ts")
        >(root, "src/runtime/language/worker-tools.ts", registerTsx);
        return createWorkerLanguageTools({ rootDir: notebookDir });
      },
      warmLanguageAfterIdleMs: 3000,
      preloadLanguage: process.env.TSNB_PRELOAD_LANGUAGE !== "0",
      typeWarnings: process.env.TSNB_TYPE_WARNINGS !== "0",
      // Let the reply and the idle status leave the socket before closing it.
      onShutdown: () => void sockets.flush().then(() => setTimeout(() => finish(0), 20)),
    });
    const onInterrupt = () => {
      log("info", "SIGINT: interrupting the running cell");
      kernel.interrupt();
    };
    const onTerminate = () => {
      clearInterval(parentPoll);
      void kernel.session.dispose().finally(() => finish(0));
    };
    // As ipykernel's ParentPollerUnix: when the launcher that started us dies (JPY_PARENT_PID),
    // a kernel left behind would hold its ports and pipes forever, so it ends itself.
    // Being re-parented counts too — unless the launcher was pid 1 itself (a container's init).
    const parent = Number(process.env.JPY_PARENT_PID ?? process.ppid);
    const startPpid = process.ppid;
    const parentPoll = setInterval(() => {
      if (!isAlive(parent) || process.ppid !== startPpid) {
        log("warn", `the launcher (pid ${parent}) is gone: shutting down`);
        onTerminate();
      }
    }, 1000);
    parentPoll.unref();
    process.on("SIGINT", onInterrupt);
    process.on("SIGTERM", onTerminate);
    sockets.listen((channel, frames) => kernel.receive(channel, frames));
    log(
      "info",
      `listening (shell ${sockets.info.shell_port}, iopub ${sockets.info.iopub_port}, pid ${process.pid})`,
    );
  });
}
