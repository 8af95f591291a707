// The `tsnb` command: a table of sub-commands, each in its own module, loaded on demand so
// that `tsnb run` does not pay for the kernel's or the site's dependencies.
import { readFileSync } from "node:fs";
import { TsnbError } from "../notebook/errors.ts";
import { UsageError } from "./usage.ts";

type Command = (argv: string[]) => Promise<number>;

// Paths kept in variables: each front door is loaded only when its command runs.
const KERNEL_MODULE = "./kernel.ts";
const SITE_MODULE = "./build-site.ts";

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  run: {
    summary: "execute a notebook headless and report its claims",
    load: async () => (await import("./run.ts")).runCommand,
  },
  "build-site": {
    summary: "execute (cached) and render all notebooks into a static site",
    load: async () => (await import(SITE_MODULE)).buildSiteCommand as Command,
  },
  kernel: {
    summary: "install, uninstall, list or launch the Jupyter kernel",
    load: async () => (await import(KERNEL_MODULE)).kernelCommand as Command,
  },
  check: {
    summary: "type-check notebooks cell by cell, as the kernel does, without running them",
    load: async () => (await import("./check.ts")).checkCommand,
  },
  strip: {
    summary: "remove outputs from notebooks in place",
    load: async () => (await import("./strip.ts")).stripCommand,
  },
  sweep: {
    summary:
      "run a notebook over a parameter grid (local pool or Slurm job array); collect, status",
    load: async () => (await import("./sweep.ts")).sweepCommand,
  },
  bench: {
    summary: "run benchmarks (bench/*.bench.ts), one JSON line per figure",
    load: async () => (await import("./bench.ts")).benchCommand,
  },
};

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

export function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return [
    "Usage: tsnb <command> [options]",
    "",
    "TypeScript notebooks that reproduce machine-learning research phenomena.",
    "",
    "Commands:",
    ...Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`),
    "",
    "Run `tsnb <command> --help` for a command's options. `tsnb --version` prints the version.",
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "-h" || name === "--help" || name === "help") {
    process.stdout.write(help() + "\n");
    return name ? 0 : 2;
  }
  if (name === "-v" || name === "--version") {
    process.stdout.write(version() + "\n");
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`tsnb: unknown command "${name}"\n\n${help()}\n`);
    return 2;
  }
  try {
    return await (
      await command.load()
    )(rest);
  } catch (error) {
    if (error instanceof UsageError || error instanceof TsnbError || isArgError(error)) {
      process.stderr.write(`tsnb ${name}: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}

function isArgError(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}
