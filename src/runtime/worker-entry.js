// Worker side of WorkerSession: a plain .js entry (workers do not inherit the parent's
// loader hooks), which registers tsx and then serves one Session over postMessage.
import { parentPort, workerData } from "node:worker_threads";
import { existsSync } from "node:fs";
import { register } from "tsx/esm/api";

// The .ts source in a checkout; its compiled .js in an installed package (see package-files.ts).
const shipped = (path) => {
  const source = new URL(path, import.meta.url);
  return existsSync(source)
    ? source.href
    : new URL(path.replace(/\.ts$/, ".js"), import.meta.url).href;
};

globalThis[Symbol.for("tsnb.tsx-registered")] = true;
register();
const { serveSession } = await import(shipped("./worker-serve.ts"));
serveSession(parentPort, workerData);
