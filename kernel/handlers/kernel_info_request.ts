// kernel_info_request (messaging spec 5.3, "Kernel info"): who we are and what language we
// speak. Versions are read from package.json files so the TypeScript compiler is not loaded.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Handler } from "../handler.ts";
import { PROTOCOL_VERSION } from "../protocol/message.ts";
import { languageInfo } from "../../src/notebook/language-info.ts";

const require = createRequire(import.meta.url);

function versionOf(packageJson: string): string {
  try {
    return (JSON.parse(readFileSync(require.resolve(packageJson), "utf8")) as { version: string })
      .version;
  } catch {
    return "unknown";
  }
}

// Through the package's self-reference, so this also works from the bundled kernel (launch.mjs).
export const tsnbVersion = versionOf("tsnb/package.json");
const typescriptVersion = versionOf("typescript/package.json");

export const kernelInfo = {
  status: "ok",
  protocol_version: PROTOCOL_VERSION,
  implementation: "tsnb",
  implementation_version: tsnbVersion,
  language_info: languageInfo(typescriptVersion),
  banner: `tsnb ${tsnbVersion} — TypeScript ${typescriptVersion} notebooks on Node ${process.version}`,
  help_links: [
    { text: "TypeScript handbook", url: "https://www.typescriptlang.org/docs/handbook/intro.html" },
    { text: "Observable Plot", url: "https://observablehq.com/plot/" },
    { text: "Node.js API", url: "https://nodejs.org/api/" },
  ],
  debugger: false,
};

export const kernel_info_request: Handler = async () => kernelInfo;
