// Writing .ipynb files the way Jupyter does (canonical layout, trailing newline) and
// atomically: the bytes go to a temp file in the same folder, are fsync'ed, then renamed
// over the target — a crash or error at any step leaves the old notebook intact. Temp files
// in flight are known, so a signal handler can remove them (`removeTempFiles`), and the temp
// files a killed process left beside a notebook are removed by the next write there.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { open, readdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { fsProblem, NotebookError } from "./errors.ts";
import { canonicalJson } from "./json.ts";
import type { Notebook } from "./types.ts";

/** Exactly what `nbformat.write` produces: sorted keys, indent 1, raw UTF-8, final newline. */
export function serializeNotebook(nb: Notebook, file?: string): string {
  return canonicalJson(nb, file) + "\n";
}

/** File operations used by `writeFileAtomic`; replaceable so tests can make a step fail. */
export interface AtomicWriteOps {
  write(handle: import("node:fs/promises").FileHandle, text: string): Promise<void>;
}
const defaultOps: AtomicWriteOps = {
  async write(handle, text) {
    await handle.writeFile(text, "utf8");
  },
};

const inFlight = new Set<string>();

/** Removes the temp files of writes still in flight (for SIGINT/SIGTERM handlers: synchronous). */
export function removeTempFiles(): void {
  for (const temp of inFlight) rmSync(temp, { force: true });
  inFlight.clear();
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes `.NAME.PID.HEX.tmp` files beside `file` whose writer process is gone. */
export async function removeStaleTempFiles(file: string): Promise<string[]> {
  const prefix = `.${basename(file)}.`;
  const names = await readdir(dirname(file)).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length));
    if (!match || Number(match[1]) === process.pid || isAlive(Number(match[1]))) continue;
    await rm(join(dirname(file), name), { force: true });
    removed.push(name);
  }
  return removed;
}

/** Writes `text` to `file` via temp file + fsync + rename; removes the temp file on failure. */
export async function writeFileAtomic(
  file: string,
  text: string,
  ops: AtomicWriteOps = defaultOps,
): Promise<void> {
  await removeStaleTempFiles(file);
  const temp = join(
    dirname(file),
    `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  inFlight.add(temp);
  try {
    // Keep the permissions of the file being replaced (a new file gets 0644 minus umask).
    const mode = await stat(file).then(
      (s) => s.mode & 0o7777,
      () => undefined,
    );
    const handle = await open(temp, "wx", 0o644);
    if (mode !== undefined) await handle.chmod(mode);
    try {
      await ops.write(handle, text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    inFlight.delete(temp);
  } catch (error) {
    await rm(temp, { force: true });
    inFlight.delete(temp);
    throw NotebookError.at(
      { file, expected: "a writable location", problem: fsProblem(error) },
      error,
    );
  }
}

/** Serialises `nb` (before touching the disk, so a bad value cannot truncate) and writes it atomically. */
export async function writeNotebook(
  file: string,
  nb: Notebook,
  ops?: AtomicWriteOps,
): Promise<void> {
  const text = serializeNotebook(nb, file);
  await writeFileAtomic(file, text, ops);
}
