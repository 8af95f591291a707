// The build's write stage: pages and data files, then static assets, into the output
// folder. The folder is replaced only if it is empty, absent or a previous build's (it
// carries the `.tsnb-site` marker), so `--out` pointed at the wrong place cannot wipe it.
import { copyFile, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { TsnbError } from "../notebook/errors.ts";
import type { AssetCopy } from "./assets.ts";

export interface SiteFile {
  /** Relative to the output folder, with `/` separators. */
  path: string;
  content: string;
}

export const SITE_MARKER = ".tsnb-site";

export async function writeSite(
  outDir: string,
  files: readonly SiteFile[],
  assets: readonly AssetCopy[],
): Promise<void> {
  await prepareOutDir(outDir);
  const dirs = new Set(
    [...files.map((f) => f.path), ...assets.map((a) => a.to)].map((p) => dirname(join(outDir, p))),
  );
  for (const dir of dirs) await mkdir(dir, { recursive: true });
  await Promise.all([
    ...files.map((file) => writeFile(join(outDir, file.path), file.content, "utf8")),
    ...assets.map((asset) => copyFile(asset.from, join(outDir, asset.to))),
    writeFile(
      join(outDir, SITE_MARKER),
      "Built by `tsnb build-site`; this folder is replaced on each build.\n",
    ),
  ]);
}

async function prepareOutDir(outDir: string): Promise<void> {
  if (!existsSync(outDir)) return;
  const entries = await readdir(outDir);
  if (entries.length === 0) return;
  if (!entries.includes(SITE_MARKER)) {
    throw new TsnbError(
      `${outDir}: output folder is not empty and was not made by tsnb build-site; refusing to replace it`,
      {
        file: outDir,
        expected: "an empty or absent folder, or a previous build's output",
      },
    );
  }
  await rm(outDir, { recursive: true, force: true });
}
