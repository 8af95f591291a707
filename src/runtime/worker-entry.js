// Worker side of WorkerSession: a plain .js entry (workers do not inherit the parent's
// loader hooks), which registers tsx and then serves one Session over postMessage.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

globalThis[Symbol.for("tsnb.tsx-registered")] = true;
register();
const { serveSession } = await import("./worker-serve.ts");
serveSession(parentPort, workerData);
