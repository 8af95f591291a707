#!/usr/bin/env node
// Entry of the `tsnb` command. From a checkout the CLI runs from its TypeScript sources through
// tsx; an installed package carries their compiled JavaScript instead (built on `npm pack`).
// tsx is registered either way: cells may import the notebook's own .ts modules.
import { existsSync } from "node:fs";
import { register } from "tsx/esm/api";

register();
const source = new URL("../src/cli/main.ts", import.meta.url);
const entry = existsSync(source) ? source : new URL("../src/cli/main.js", import.meta.url);
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
