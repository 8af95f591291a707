// Worker side of the multi-start pool: a plain .js entry (workers do not inherit the parent's
// loader hooks) that registers tsx and then solves claimed chunks of starts for each job.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { serveStarts } = await import("./multistart-serve.ts");
parentPort.on("message", serveStarts);
