// Files the site ships besides its pages: our CSS and client script (site/assets/), and
// third-party browser bundles taken from node_modules — KaTeX's CSS and fonts, Observable
// Plot and d3 (Plot's UMD bundle needs the global `d3`), MiniSearch — so no page loads
// anything from a CDN and the site works offline and from file://. The chart redraw code is
// the display layer's own `plot-spec.ts`, compiled for the browser at build time, so the
// notebook side and the site side decode the same format from one source.
import { moduleFile } from "../runtime/package-files.ts";
import { createRequire } from "node:module";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { transformSync } from "esbuild";
import type { SiteFile } from "./write.ts";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface AssetCopy {
  from: string;
  /** Path relative to the output folder. */
  to: string;
}

/** The project's `site/` folder (templates, CSS, client script). */
export const SITE_SOURCE_DIR = fileURLToPath(new URL("../../site/", import.meta.url));

const require = createRequire(import.meta.url);

/** Root folder of an installed package, found by walking up from its resolved entry. */
export function packageDir(name: string): string {
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, "package.json")) || !dir.endsWith(join("node_modules", name))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`package ${name}: no package folder above ${require.resolve(name)}`);
    dir = parent;
  }
  return dir;
}

export function siteAssets(siteDir: string = SITE_SOURCE_DIR): AssetCopy[] {
  const katex = join(packageDir("katex"), "dist");
  const fonts = readdirSync(join(katex, "fonts")).filter(
    (f) => f.endsWith(".woff2") || f.endsWith(".woff"),
  );
  const own = readdirSync(join(siteDir, "assets")).map((f) => ({
    from: join(siteDir, "assets", f),
    to: `assets/${f}`,
  }));
  return [
    ...own,
    { from: join(katex, "katex.min.css"), to: "assets/katex/katex.min.css" },
    ...fonts.map((f) => ({ from: join(katex, "fonts", f), to: `assets/katex/fonts/${f}` })),
    {
      from: join(packageDir("@observablehq/plot"), "dist", "plot.umd.min.js"),
      to: "assets/plot.umd.min.js",
    },
    { from: join(packageDir("d3"), "dist", "d3.min.js"), to: "assets/d3.min.js" },
    { from: join(packageDir("minisearch"), "dist", "umd", "index.js"), to: "assets/minisearch.js" },
  ];
}

const PLOT_SPEC_SOURCE = moduleFile(
  fileURLToPath(new URL("../display/plot-spec.ts", import.meta.url)),
);

/** Browser scripts compiled from our TypeScript: `assets/plot-spec.js` defines `tsnbPlotSpec`. */
export function clientModules(): SiteFile[] {
  const { code } = transformSync(readFileSync(PLOT_SPEC_SOURCE, "utf8"), {
    loader: "ts",
    format: "iife",
    globalName: "tsnbPlotSpec",
    target: "es2020",
    minify: true,
    sourcefile: "plot-spec.ts",
  });
  return [
    {
      path: "assets/plot-spec.js",
      content: `/* compiled from src/display/plot-spec.ts */\n${code}`,
    },
  ];
}
