// JupyterLab's own front-end logic, loaded in Node for tests: the rendermime registry that
// picks which MIME type of a bundle an output area shows, and the CodeMirror 6 language
// registry that turns a kernel's language_info into the editor's highlighting. The packages
// are written for a bundler, so esbuild bundles them once (CommonJS, CSS dropped) and jsdom
// provides the DOM globals they touch at import time.
import { build } from "esbuild";
import { JSDOM } from "jsdom";
import { createRequire } from "node:module";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** application/json's rank in JupyterLab 4: @jupyterlab/json-extension registers it at rank 0. */
export const JSON_EXTENSION_RANK = 0;

let loaded: Promise<{ rendermime: any; codemirror: any }> | undefined;

function installDomGlobals(): void {
  const window = new JSDOM("", { pretendToBeVisual: true }).window as any;
  const target = globalThis as any;
  for (const key of Object.getOwnPropertyNames(window)) {
    if (key in target) continue;
    try {
      target[key] = window[key];
    } catch {
      // read-only globals of Node stay as they are
    }
  }
  target.WebSocket ??= class {};
  target.DragEvent ??= window.MouseEvent;
  target.matchMedia ??= () => ({ matches: false, addEventListener() {}, removeEventListener() {} });
}

async function bundle(name: string, source: string): Promise<any> {
  const dir = mkdtempSync(join(tmpdir(), "tsnb-jlab-"));
  const outfile = join(dir, `${name}.cjs`);
  await build({
    stdin: { contents: source, resolveDir: root, loader: "js" },
    bundle: true,
    platform: "node",
    format: "cjs",
    outfile,
    loader: { ".css": "empty", ".svg": "text" },
    logLevel: "silent",
  });
  return createRequire(import.meta.url)(outfile);
}

/** JupyterLab's real registries (loaded once per test file). */
export function jupyterlab(): Promise<{ rendermime: any; codemirror: any }> {
  loaded ??= (async () => {
    installDomGlobals();
    const rendermime = await bundle("rendermime", `export * from "@jupyterlab/rendermime";`);
    const codemirror = await bundle(
      "codemirror",
      `export { EditorLanguageRegistry } from "@jupyterlab/codemirror/lib/language.js";`,
    );
    return { rendermime, codemirror };
  })();
  return loaded;
}

/** The MIME type JupyterLab's output area renders for `bundle` (trusted output, as after a run). */
export async function preferredMimeType(
  bundle: Record<string, unknown>,
): Promise<string | undefined> {
  const { rendermime } = await jupyterlab();
  const registry = new rendermime.RenderMimeRegistry({
    initialFactories: rendermime.standardRendererFactories,
  });
  registry.addFactory(
    { safe: true, mimeTypes: ["application/json"], createRenderer: () => undefined },
    JSON_EXTENSION_RANK,
  );
  return registry.preferredMimeType(bundle, "any");
}

/** The editor language JupyterLab 4 picks for a notebook's language_info (as its mime-type service does). */
export async function editorLanguage(info: {
  codemirror_mode?: unknown;
  mimetype?: string;
  name?: string;
  file_extension?: string;
}): Promise<string | undefined> {
  const { codemirror } = await jupyterlab();
  const registry = new codemirror.EditorLanguageRegistry();
  for (const language of codemirror.EditorLanguageRegistry.getDefaultLanguages())
    registry.addLanguage(language);
  const ext = (info.file_extension ?? "").split(".").slice(-1)[0];
  const spec = registry.findBest(
    info.codemirror_mode || { mimetype: info.mimetype, name: info.name, ext: [ext] },
  );
  return spec?.name;
}
