// Type-aware help for notebook cells — completion, inspection, completeness, type errors — with the
// TypeScript 5.9 language service over a virtual module made of the cells that ran plus the
// code being edited. The kernel imports this module lazily (the compiler takes ~0.3 s to load);
// positions here are UTF-16 offsets into `code`, converted at the protocol edge.
import { complete } from "./completion.ts";
import { diagnose } from "./diagnostics.ts";
import { checkComplete } from "./completeness.ts";
import { inspect } from "./inspection.ts";
import { createCellService } from "./service.ts";

export interface CompletionMatch {
  text: string;
  /** Jupyter's experimental completion type: function, class, instance, property, keyword, module… */
  type: string;
  signature?: string;
}

export interface CompletionResult {
  matches: CompletionMatch[];
  cursor_start: number;
  cursor_end: number;
}

export interface InspectionResult {
  found: boolean;
  data: Record<string, string>;
}

export interface CompletenessResult {
  status: "complete" | "incomplete" | "invalid" | "unknown";
  indent?: string;
}

export interface LanguageTools {
  /** Completions at `cursor` in `code`, given the earlier cells that ran without error. */
  complete(cells: readonly string[], code: string, cursor: number): CompletionResult;
  /** Signature and doc comment of the name at `cursor`; detail_level 1 adds its source. */
  inspect(
    cells: readonly string[],
    code: string,
    cursor: number,
    detail_level: 0 | 1,
  ): InspectionResult;
  isComplete(code: string): CompletenessResult;
  /** Type errors of `code` given the earlier cells that ran without error. */
  diagnose(cells: readonly string[], code: string): TypeDiagnostic[];
}

/** One type error in the code about to run; line and column are 1-based, in that code. */
export interface TypeDiagnostic {
  line: number;
  column: number;
  /** TypeScript's error number (TS2322 …). */
  code: number;
  message: string;
}

export interface LanguageToolsOptions {
  /** Folder the cells' relative imports and node_modules resolve from (the notebook's). */
  rootDir: string;
}

export function createLanguageTools(options: LanguageToolsOptions): LanguageTools {
  const service = createCellService(options.rootDir);
  return {
    complete: (cells, code, cursor) => complete(service, cells, code, cursor),
    inspect: (cells, code, cursor, detail_level) =>
      inspect(service, cells, code, cursor, detail_level),
    isComplete: (code) => checkComplete(code),
    diagnose: (cells, code) => diagnose(service, cells, code),
  };
}
