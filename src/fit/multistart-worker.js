// Worker side of the multi-start pool: a plain .js entry (workers do not inherit the parent's
// loader hooks) that registers tsx and then solves claimed chunks of starts for each job.
import { parentPort } from "node:worker_threads";
import { existsSync } from "node:fs";
import { register } from "tsx/esm/api";

// The .ts source in a checkout; its compiled .js in an installed package (see package-files.ts).
const shipped = (path) => {
  const source = new URL(path, import.meta.url);
  return existsSync(source)
    ? source.href
    : new URL(path.replace(/\.ts$/, ".js"), import.meta.url).href;
};

register();
const { serveStarts } = await import(shipped("./multistart-serve.ts"));
parentPort.on("message", serveStarts);
