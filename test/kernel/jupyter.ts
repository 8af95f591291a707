// Test harness for real Jupyter clients: a temporary Jupyter home with the tsnb kernelspec
// installed, a free loopback port, and `jupyter server` started on it with a random token.
// Every process is started in its own process group so `stop()` can end the server and any
// kernel it launched, also when a test failed midway.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { installKernelSpec } from "../../kernel/kernelspec/install.ts";

export const PYTHON = "/usr/bin/python3";

export interface JupyterHome {
  root: string;
  notebooks: string;
  env: NodeJS.ProcessEnv;
  remove(): void;
}

/** A throw-away Jupyter environment (data, config, runtime dirs) with tsnb installed in it. */
export function jupyterHome(): JupyterHome {
  const root = mkdtempSync(join(tmpdir(), "tsnb-jupyter-"));
  const notebooks = join(root, "notebooks");
  mkdirSync(notebooks);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: root,
    JUPYTER_PATH: join(root, "share/jupyter"),
    JUPYTER_DATA_DIR: join(root, "data"),
    JUPYTER_CONFIG_DIR: join(root, "config"),
    JUPYTER_RUNTIME_DIR: join(root, "runtime"),
    JUPYTER_PLATFORM_DIRS: "1",
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
    PYTHONDONTWRITEBYTECODE: "1",
  };
  installKernelSpec({ kind: "prefix", prefix: root });
  return { root, notebooks, env, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** Ends a process group: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
export async function stopGroup(child: ChildProcess | undefined, graceMs = 3000): Promise<void> {
  if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // Already gone.
    }
  };
  signal("SIGTERM");
  const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), graceMs));
  if ((await Promise.race([exited, timer])) === "timeout") {
    signal("SIGKILL");
    await exited;
  }
  // Kernels the server started live in its group too: make sure none survives.
  signal("SIGKILL");
}

export interface JupyterServer {
  baseUrl: string;
  wsUrl: string;
  token: string;
  process: ChildProcess;
  log: () => string;
  stop(): Promise<void>;
}

export async function startJupyterServer(home: JupyterHome): Promise<JupyterServer> {
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const child = spawn(
    PYTHON,
    [
      "-Xfrozen_modules=off",
      "-m",
      "jupyter_server",
      `--ServerApp.port=${port}`,
      "--ServerApp.port_retries=0",
      "--ServerApp.ip=127.0.0.1",
      `--ServerApp.token=${token}`,
      `--ServerApp.root_dir=${home.notebooks}`,
      "--ServerApp.open_browser=False",
      "--no-browser",
      // CI runs as root.
      ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
    ],
    { env: home.env, cwd: home.notebooks, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  child.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}/`;
  const server: JupyterServer = {
    baseUrl,
    wsUrl: `ws://127.0.0.1:${port}/`,
    token,
    process: child,
    log: () => log,
    stop: () => stopGroup(child),
  };
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`jupyter server exited with ${child.exitCode}:\n${log}`);
    try {
      const response = await fetch(`${baseUrl}api/status`, {
        headers: { Authorization: `token ${token}` },
      });
      if (response.ok) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  await server.stop();
  throw new Error(`jupyter server did not answer on ${baseUrl} within 45 s:\n${log}`);
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

const running = new Set<ChildProcess>();

/** Runs a command in its own process group; on timeout the whole group is killed. */
export function runProcess(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs: number },
): Promise<Finished> {
  const child = spawn(command, args, {
    env: options.env,
    cwd: options.cwd,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => void stopGroup(child, 500), options.timeoutMs);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      running.delete(child);
      // Anything the command left behind in its group (a kernel) goes with it.
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // Nothing left.
      }
      resolve({ code, stdout, stderr });
    });
  });
}

/** Stops every process `runProcess` started that is still running (afterAll). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((child) => stopGroup(child, 500)));
}
