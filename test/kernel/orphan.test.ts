// A kernel whose launcher dies must end itself (ipykernel's parent poller), or it would hold
// its ports and its caller's pipes forever.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { KEY } from "./frames.ts";
import { freePort } from "./jupyter.ts";

const REPO = resolve(import.meta.dirname, "../..");
const folder = mkdtempSync(join(tmpdir(), "tsnb-orphan-"));
let kernelPid: number | undefined;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

afterAll(() => {
  if (kernelPid !== undefined && alive(kernelPid)) process.kill(kernelPid, "SIGKILL");
  rmSync(folder, { recursive: true, force: true });
});

describe("parent poller", () => {
  it("ends the kernel when the process that launched it exits", async () => {
    const ports = await Promise.all([1, 2, 3, 4, 5].map(() => freePort()));
    const file = join(folder, "connection.json");
    const [shell_port, control_port, stdin_port, iopub_port, hb_port] = ports;
    writeFileSync(
      file,
      JSON.stringify({
        transport: "tcp",
        ip: "127.0.0.1",
        shell_port,
        control_port,
        stdin_port,
        iopub_port,
        hb_port,
        key: KEY,
      }),
    );
    // The shell starts the kernel in the background and names itself its parent (JPY_PARENT_PID,
    // as jupyter_client does), then exits.
    const launcher = spawn(
      "/bin/sh",
      [
        "-c",
        `JPY_PARENT_PID=$$ "${process.execPath}" "${join(REPO, "kernel/launch.mjs")}" "${file}" 2>"${join(folder, "err")}" & echo $!; sleep 3`,
      ],
      { stdio: ["ignore", "pipe", "ignore"] },
    );
    let out = "";
    launcher.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    await new Promise((done) => launcher.once("exit", done));
    kernelPid = Number(out.trim());
    expect(Number.isInteger(kernelPid) && kernelPid > 0).toBe(true);
    const deadline = Date.now() + 20_000;
    while (alive(kernelPid) && Date.now() < deadline)
      await new Promise((done) => setTimeout(done, 200));
    expect(alive(kernelPid)).toBe(false);
  }, 40_000);
});
