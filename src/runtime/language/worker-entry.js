// Worker side of the language tools: a plain .js entry (workers do not inherit the parent's
// loader hooks) that registers tsx, loads the TypeScript language service and answers
// { id, method, args } requests, so a slow first completion never stalls the kernel's sockets.
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

register();
const { createLanguageTools } = await import(shipped("./index.ts"));
const tools = createLanguageTools({ rootDir: workerData.rootDir });
parentPort.on("message", ({ id, method, args }) => {
  try {
    parentPort.postMessage({ id, result: tools[method](...args) });
  } catch (error) {
    parentPort.postMessage({
      id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
parentPort.postMessage({ ready: true });
