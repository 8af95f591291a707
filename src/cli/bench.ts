// `tsnb bench [NAME…]`: imports bench/*.bench.ts (all, or those whose file name starts with
// a NAME) one after another; each prints its figures as JSON lines (DESIGN.md).
import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";

const BENCH_DIR = fileURLToPath(new URL("../../bench/", import.meta.url));

export async function benchCommand(argv: string[]): Promise<number> {
  if (argv.includes("-h") || argv.includes("--help")) {
    process.stdout.write(
      "Usage: tsnb bench [NAME…]\n\nRuns bench/*.bench.ts (or those starting with NAME); one JSON object per line on stdout.\n",
    );
    return 0;
  }
  const files = readdirSync(BENCH_DIR)
    .filter((file) => file.endsWith(".bench.ts"))
    .filter((file) => argv.length === 0 || argv.some((name) => file.startsWith(name)))
    .sort();
  if (files.length === 0) {
    process.stderr.write(`tsnb bench: no benchmark matches ${argv.join(", ")}\n`);
    return 2;
  }
  for (const file of files) {
    process.stderr.write(`# ${file}\n`);
    await import(pathToFileURL(join(BENCH_DIR, file)).href);
  }
  return 0;
}
