// Where Jupyter looks for kernelspecs (jupyter_core.paths: JUPYTER_PATH, the user data dir,
// the environment prefix, the system dirs) and how tsnb's is written there. kernel.json runs
// this package's bin/tsnb.js with the absolute path of the current node, so the kernel starts
// from any working folder and without node on Jupyter's PATH.
import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { homedir, platform } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const KERNEL_NAME = "tsnb";
export const DISPLAY_NAME = "TypeScript (tsnb)";
const HERE = dirname(fileURLToPath(import.meta.url));
const PACKAGE_ROOT = resolve(HERE, "../..");
const LOGOS = ["logo-32x32.png", "logo-64x64.png", "logo-svg.svg"];

export type InstallTarget =
  { kind: "user" } | { kind: "prefix"; prefix: string } | { kind: "sys-prefix" };

export interface KernelSpec {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode: "message" | "signal";
  metadata: Record<string, unknown>;
}

/** argv runs kernel/launch.mjs (bundled, fast start); `tsnb kernel run FILE` is the same kernel via tsx. */
export function kernelSpec(
  node = process.execPath,
  entry = join(PACKAGE_ROOT, "kernel/launch.mjs"),
): KernelSpec {
  return {
    argv: [node, entry, "{connection_file}"],
    display_name: DISPLAY_NAME,
    language: "typescript",
    interrupt_mode: "message",
    metadata: { debugger: false },
  };
}

/** jupyter_core.paths.jupyter_data_dir(). */
export function userDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.JUPYTER_DATA_DIR) return resolve(env.JUPYTER_DATA_DIR);
  if (platform() === "darwin") return join(homedir(), "Library/Jupyter");
  if (platform() === "win32")
    return join(env.APPDATA ?? join(homedir(), "AppData/Roaming"), "jupyter");
  return join(env.XDG_DATA_HOME ?? join(homedir(), ".local/share"), "jupyter");
}

/** sys.prefix of the active Python environment: a virtualenv or conda env, else python3's. */
export function sysPrefix(env: NodeJS.ProcessEnv = process.env): string {
  const active = env.VIRTUAL_ENV ?? env.CONDA_PREFIX;
  if (active) return active;
  try {
    return execFileSync("python3", ["-c", "import sys; print(sys.prefix)"], {
      encoding: "utf8",
    }).trim();
  } catch {
    throw new Error(
      "--sys-prefix: no VIRTUAL_ENV or CONDA_PREFIX is set and `python3` could not be run to find sys.prefix; use --user or --prefix DIR",
    );
  }
}

export function kernelsDir(target: InstallTarget, env: NodeJS.ProcessEnv = process.env): string {
  switch (target.kind) {
    case "user":
      return join(userDataDir(env), "kernels");
    case "prefix":
      return join(resolve(target.prefix), "share/jupyter/kernels");
    case "sys-prefix":
      return join(sysPrefix(env), "share/jupyter/kernels");
  }
}

/** Writes kernel.json and the logos; returns the kernelspec folder. */
export function installKernelSpec(
  target: InstallTarget,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const folder = join(kernelsDir(target, env), KERNEL_NAME);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "kernel.json"), JSON.stringify(kernelSpec(), null, 1) + "\n");
  for (const logo of LOGOS) copyFileSync(join(HERE, logo), join(folder, logo));
  return folder;
}

/** Removes the tsnb kernelspec from `target`; returns the folder removed, or undefined. */
export function uninstallKernelSpec(
  target: InstallTarget,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const folder = join(kernelsDir(target, env), KERNEL_NAME);
  if (!existsSync(folder)) return undefined;
  rmSync(folder, { recursive: true, force: true });
  return folder;
}

/** Folders Jupyter searches for kernels, in its order (jupyter_core.paths.jupyter_path). */
export function searchPath(env: NodeJS.ProcessEnv = process.env): string[] {
  const dirs = [
    ...(env.JUPYTER_PATH ?? "")
      .split(platform() === "win32" ? ";" : ":")
      .filter(Boolean)
      .map((dir) => resolve(dir)),
    userDataDir(env),
    ...[env.VIRTUAL_ENV, env.CONDA_PREFIX]
      .filter((dir): dir is string => Boolean(dir))
      .map((dir) => join(dir, "share/jupyter")),
    ...(platform() === "win32"
      ? [join(env.PROGRAMDATA ?? "C:/ProgramData", "jupyter")]
      : ["/usr/local/share/jupyter", "/usr/share/jupyter"]),
  ];
  return [...new Set(dirs)].map((dir) => join(dir, "kernels"));
}

export interface FoundSpec {
  name: string;
  folder: string;
  spec?: KernelSpec;
  problems: string[];
}

/** Every kernelspec on the search path, with problems of tsnb's spelled out. */
export function listKernelSpecs(env: NodeJS.ProcessEnv = process.env): FoundSpec[] {
  const found: FoundSpec[] = [];
  for (const dir of searchPath(env)) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const folder = join(dir, name);
      const problems: string[] = [];
      let spec: KernelSpec | undefined;
      try {
        spec = JSON.parse(readFileSync(join(folder, "kernel.json"), "utf8")) as KernelSpec;
      } catch (error) {
        problems.push(`kernel.json unreadable: ${(error as Error).message}`);
      }
      if (spec && name === KERNEL_NAME) {
        for (const path of spec.argv.slice(0, 2))
          if (!existsSync(path)) problems.push(`argv names a missing file: ${path}`);
        if (!spec.argv.includes("{connection_file}")) problems.push("argv lacks {connection_file}");
      }
      found.push({ name, folder, spec, problems });
    }
  }
  return found;
}
