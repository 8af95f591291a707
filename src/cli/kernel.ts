// `tsnb kernel …`: install, uninstall and list the Jupyter kernelspec, and `run`, the launcher
// the kernelspec's argv calls with the connection file Jupyter wrote. The kernel itself lives in
// kernel/ and is loaded only by `run`.
import {
  DISPLAY_NAME,
  KERNEL_NAME,
  installKernelSpec,
  listKernelSpecs,
  searchPath,
  uninstallKernelSpec,
  type InstallTarget,
} from "../../kernel/kernelspec/install.ts";

export const KERNEL_USAGE = `Usage: tsnb kernel <command>

Commands:
  install [--user | --prefix DIR | --sys-prefix]
                 write the "${KERNEL_NAME}" kernelspec ("${DISPLAY_NAME}"); default --user
                 (--user: your Jupyter data dir; --prefix DIR: DIR/share/jupyter/kernels;
                 --sys-prefix: the active virtualenv/conda env or python3's sys.prefix)
  uninstall [--user | --prefix DIR | --sys-prefix]
                 remove it again
  list           show the kernelspecs Jupyter would find and check tsnb's
  run CONNECTION_FILE
                 start the kernel (what kernel.json runs; Jupyter calls it for you)
`;

function parseTarget(args: string[]): InstallTarget | string {
  let target: InstallTarget = { kind: "user" };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--user") target = { kind: "user" };
    else if (arg === "--sys-prefix") target = { kind: "sys-prefix" };
    else if (arg === "--prefix") {
      const prefix = args[++i];
      if (!prefix) return "--prefix needs a folder: tsnb kernel install --prefix DIR";
      target = { kind: "prefix", prefix };
    } else if (arg.startsWith("--prefix="))
      target = { kind: "prefix", prefix: arg.slice("--prefix=".length) };
    else return `unknown option "${arg}"`;
  }
  return target;
}

function fail(message: string): number {
  process.stderr.write(`tsnb kernel: ${message}\n\n${KERNEL_USAGE}`);
  return 2;
}

export async function kernelCommand(argv: string[]): Promise<number> {
  const args = argv[0] === "kernel" ? argv.slice(1) : argv;
  const [command, ...rest] = args;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(KERNEL_USAGE);
    return command ? 0 : 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(KERNEL_USAGE);
    return 0;
  }
  switch (command) {
    case "install":
    case "uninstall": {
      const target = parseTarget(rest);
      if (typeof target === "string") return fail(target);
      try {
        if (command === "install") {
          const folder = installKernelSpec(target);
          process.stdout.write(
            `Installed kernelspec ${KERNEL_NAME} ("${DISPLAY_NAME}") in ${folder}\n`,
          );
        } else {
          const folder = uninstallKernelSpec(target);
          process.stdout.write(
            folder
              ? `Removed kernelspec ${KERNEL_NAME} from ${folder}\n`
              : `No ${KERNEL_NAME} kernelspec installed there; nothing removed\n`,
          );
        }
        return 0;
      } catch (error) {
        process.stderr.write(`tsnb kernel ${command}: ${(error as Error).message}\n`);
        return 1;
      }
    }
    case "list": {
      if (rest.length > 0) return fail(`list takes no arguments, got ${rest.join(" ")}`);
      const specs = listKernelSpecs();
      process.stdout.write(
        `Jupyter kernel search path:\n${searchPath()
          .map((dir) => `  ${dir}`)
          .join("\n")}\n\nKernels found:\n`,
      );
      for (const spec of specs) {
        const mark = spec.name === KERNEL_NAME ? (spec.problems.length ? "✗" : "✓") : " ";
        process.stdout.write(
          `${mark} ${spec.name.padEnd(16)} ${spec.spec?.display_name ?? "?"}  ${spec.folder}\n`,
        );
        for (const problem of spec.problems) process.stdout.write(`    problem: ${problem}\n`);
      }
      const ours = specs.filter((spec) => spec.name === KERNEL_NAME);
      if (ours.length === 0) {
        process.stdout.write(
          `\n${KERNEL_NAME} is not installed: run \`npx tsnb kernel install --user\`\n`,
        );
        return 1;
      }
      if (ours.length > 1)
        process.stdout.write(
          `\nnote: ${ours.length} ${KERNEL_NAME} kernelspecs found; Jupyter uses the first: ${ours[0]!.folder}\n`,
        );
      return ours[0]!.problems.length ? 1 : 0;
    }
    case "run": {
      const [connectionFile, ...extra] = rest;
      if (!connectionFile || extra.length > 0)
        return fail("run needs exactly one argument: the connection file");
      const { runKernel } = await import("../../kernel/main.ts");
      try {
        const code = await runKernel(connectionFile);
        // The worker and sockets are closed; do not let a stray handle keep a dead kernel alive.
        setTimeout(() => process.exit(code), 200).unref();
        return code;
      } catch (error) {
        process.stderr.write(`tsnb kernel run: ${(error as Error).message}\n`);
        return 1;
      }
    }
    default:
      return fail(`unknown command "${command}"`);
  }
}
