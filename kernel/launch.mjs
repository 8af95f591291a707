// What kernel.json runs: the kernel as one plain-JavaScript bundle, so a kernel starts without
// first loading the TypeScript loader (tsx); the bundle is rebuilt with esbuild whenever a file
// under kernel/ changed (a stamp of paths, sizes and mtimes), written atomically because two
// kernels may start at once. Plain .mjs on purpose: it must run before any loader exists.
// An installed package has no kernel sources, only their compiled build, which runs as it is.
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, ".tsnb-cache", "kernel", "kernel.mjs");

function stampOf(folder) {
  const hash = createHash("sha256");
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) {
        const stat = statSync(path);
        hash.update(`${path}:${stat.size}:${stat.mtimeMs}\n`);
      }
    }
  };
  walk(folder);
  return hash.digest("hex");
}

async function bundle(stamp) {
  const esbuild = await import("esbuild");
  const temporary = `${out}.${process.pid}.tmp`;
  await esbuild.build({
    entryPoints: [join(root, "kernel", "main.ts")],
    outfile: temporary,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "error",
  });
  renameSync(temporary, out);
  writeFileSync(`${out}.stamp`, stamp);
}

const connectionFile = process.argv[2];
if (!connectionFile) {
  process.stderr.write(
    "usage: node kernel/launch.mjs CONNECTION_FILE (Jupyter runs this from kernel.json)\n",
  );
  process.exit(2);
}
async function loadKernel() {
  // An installed package ships the kernel compiled (kernel/main.js): nothing to bundle.
  const compiled = join(root, "kernel", "main.js");
  if (!existsSync(join(root, "kernel", "main.ts")) && existsSync(compiled))
    return { module: await import(pathToFileURL(compiled).href), registerTsx: true };
  try {
    const stamp = stampOf(join(root, "kernel"));
    if (
      !existsSync(out) ||
      !existsSync(`${out}.stamp`) ||
      readFileSync(`${out}.stamp`, "utf8") !== stamp
    ) {
      mkdirSync(dirname(out), { recursive: true });
      await bundle(stamp);
    }
    return { module: await import(pathToFileURL(out).href), registerTsx: true };
  } catch (error) {
    // A read-only install cannot hold the bundle: run the sources through tsx (slower start).
    process.stderr.write(
      `[tsnb kernel warn] no kernel bundle (${error.message}); loading the sources with tsx\n`,
    );
    const { register } = await import("tsx/esm/api");
    register();
    return {
      module: await import(pathToFileURL(join(root, "kernel", "main.ts")).href),
      registerTsx: false,
    };
  }
}

const { module, registerTsx } = await loadKernel();
const code = await module.runKernel(connectionFile, { packageRoot: root, registerTsx });
// Sockets and the runtime's worker are closed; a stray handle must not keep a dead kernel alive.
setTimeout(() => process.exit(code), 200).unref();
process.exitCode = code;
