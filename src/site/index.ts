// Public surface of src/site: the build pipeline and its pure stages (used by the CLI,
// tests and benchmarks).
export {
  buildSite,
  discoverNotebooks,
  parseNotebooks,
  type BuildOptions,
  type BuildResult,
} from "./build.ts";
export {
  executeCached,
  storedOutputs,
  buildExitCode,
  type Executor,
  type ExecutedNotebook,
  type RunSummaryLike,
} from "./execute.ts";
export { cacheKey, mergeOutputs } from "./cache.ts";
export { renderSite, type RenderContext } from "./render.ts";
export { renderMarkdown } from "./markdown.ts";
export { renderMimeBundle, chooseRenderer, MIME_RENDERERS } from "./mime.ts";
export { progressReporter, silentProgress } from "./progress.ts";
