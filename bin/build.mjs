#!/usr/bin/env node
// The package build, run by npm around `npm pack`/`npm publish` (not a user command):
// `node bin/build.mjs` compiles src/ and kernel/ with tsc (tsconfig.build.json) into .js and
// .d.ts files beside their sources, so relative paths inside the package stay as they are;
// `node bin/build.mjs --clean` removes exactly those outputs again (a .js or .d.ts with a .ts
// sibling), leaving the hand-written .js worker entries and the checkout as they were.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));

function clean() {
  let removed = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const base = path.replace(/\.d\.ts$/, "").replace(/\.js$/, "");
        if (base !== path && existsSync(`${base}.ts`) && !path.endsWith(".test.js")) {
          rmSync(path);
          removed++;
        }
      }
    }
  };
  for (const folder of ["src", "kernel"]) walk(join(root, folder));
  return removed;
}

if (process.argv.includes("--clean")) {
  process.stderr.write(`tsnb build: removed ${clean()} compiled files\n`);
} else {
  clean();
  execFileSync(
    process.execPath,
    [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
  process.stderr.write("tsnb build: compiled src/ and kernel/ (JavaScript and declarations)\n");
}
