// Small notebook builders for the site's unit tests (not a test file itself).
import type { INotebookContent, IOutput } from "@jupyterlab/nbformat";

export const CLAIM = "application/vnd.tsnb.claim+json";

export function claimOutput(
  id: string,
  pass: boolean,
  measured: unknown = 1,
  extra: Record<string, unknown> = {},
): IOutput {
  return {
    output_type: "display_data",
    metadata: {},
    data: {
      [CLAIM]: {
        id,
        text: `claim ${id}`,
        source: "Paper, Fig. 1",
        measured,
        expected: 1,
        pass,
        ...extra,
      } as never,
      "text/plain": id,
    },
  };
}

export function errorOutput(): IOutput {
  return { output_type: "error", ename: "Error", evalue: "boom", traceback: ["Error: boom"] };
}

export function makeNotebook(options: {
  slug: string;
  code?: string[];
  markdown?: string;
  outputs?: IOutput[][];
  knownFailures?: { id: string; reason: string }[];
  seed?: number;
}): INotebookContent {
  const code = options.code ?? ["1 + 1"];
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: "tsnb", display_name: "TypeScript (tsnb)", language: "typescript" },
      tsnb: {
        slug: options.slug,
        title: `Title ${options.slug}`,
        papers: [],
        summary: `Summary of ${options.slug}`,
        seed: options.seed ?? 1,
        budget_seconds: 10,
        ...(options.knownFailures ? { known_failures: options.knownFailures } : {}),
      },
    },
    cells: [
      {
        cell_type: "markdown",
        id: "md0",
        metadata: {},
        source: options.markdown ?? `# ${options.slug}\n\n## Part\n\nText about ${options.slug}.`,
      },
      ...code.map((source, i) => ({
        cell_type: "code" as const,
        id: `c${i}`,
        metadata: {},
        source,
        execution_count: options.outputs ? i + 1 : null,
        outputs: options.outputs?.[i] ?? [],
      })),
    ],
  };
}
