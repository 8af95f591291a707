// Writing .ipynb files the way Jupyter does (canonical layout, trailing newline) and
// atomically: the bytes go to a temp file in the same folder, are fsync'ed, then renamed
// over the target — a crash or error at any step leaves the old notebook intact.
import { randomBytes } from "node:crypto";
import { open, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { NotebookError } from "./errors.ts";
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

/** Writes `text` to `file` via temp file + fsync + rename; removes the temp file on failure. */
export async function writeFileAtomic(
  file: string,
  text: string,
  ops: AtomicWriteOps = defaultOps,
): Promise<void> {
  const temp = join(
    dirname(file),
    `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
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
  } catch (error) {
    await rm(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    throw NotebookError.at(
      {
        file,
        expected: "a writable location",
        problem: `${code ? code + " " : ""}${(error as Error).message}`,
      },
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
