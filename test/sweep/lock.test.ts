import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LOCK, SweepLock } from "../../src/sweep/lock.ts";

const fresh = () => mkdtempSync(join(tmpdir(), "tsnb-lock-"));
const holder = (pid: number) =>
  JSON.stringify({
    pid,
    host: hostname(),
    started: "2026-01-01T00:00:00Z",
    command: "tsnb sweep other",
  });

describe("sweep lock", () => {
  it("names its holder and is removed on release", () => {
    const dir = fresh();
    const lock = SweepLock.acquire(dir, "tsnb sweep nb --out d");
    expect(JSON.parse(readFileSync(join(dir, LOCK), "utf8"))).toMatchObject({
      pid: process.pid,
      host: hostname(),
      command: "tsnb sweep nb --out d",
    });
    lock.release();
    expect(existsSync(join(dir, LOCK))).toBe(false);
  });

  it("refuses a directory whose holder is alive, naming it", () => {
    const dir = fresh();
    writeFileSync(join(dir, LOCK), holder(process.ppid));
    expect(() => SweepLock.acquire(dir, "tsnb sweep")).toThrow(
      new RegExp(
        `locked: .* in use by another sweep \\(pid ${process.ppid} on ${hostname()}.*tsnb sweep other`,
      ),
    );
  });

  it("takes over a stale lock whose process is gone (a killed sweep)", () => {
    const dir = fresh();
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
      encoding: "utf8",
    });
    writeFileSync(join(dir, LOCK), holder(Number(dead.stdout)));
    const lock = SweepLock.acquire(dir, "tsnb sweep again");
    expect(JSON.parse(readFileSync(join(dir, LOCK), "utf8")).pid).toBe(process.pid);
    lock.release();
  });
});
