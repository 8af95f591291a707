#!/usr/bin/env node
// Entry of the `tsnb` command: registers the TypeScript loader (tsx) so the CLI,
// notebooks and relative `.ts` imports run from source, then hands over to src/cli.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
