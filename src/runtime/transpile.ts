// TypeScript → JavaScript for one cell. esbuild strips types in well under a millisecond;
// type checking is the language service's job (completion/inspection), not the executor's.
// Value imports are preserved even when unused in this cell: a notebook imports in one cell
// and uses the binding in the next.
import { transformSync, type TransformResult } from "esbuild";
import { CellSyntaxError } from "./errors.ts";

export interface Transpiled {
  code: string;
  map: string;
}

export function transpileCell(source: string, filename: string): Transpiled {
  let result: TransformResult;
  try {
    result = transformSync(source, {
      loader: "ts",
      format: "esm",
      target: "es2022",
      sourcemap: "external",
      sourcefile: filename,
      tsconfigRaw: {
        compilerOptions: { preserveValueImports: true, useDefineForClassFields: true },
      },
      logLevel: "silent",
    });
  } catch (error) {
    const first = (error as { errors?: EsbuildMessage[] }).errors?.[0];
    if (!first) throw error;
    throw new CellSyntaxError(
      first.text,
      first.location?.line ?? 1,
      (first.location?.column ?? 0) + 1,
    );
  }
  return { code: result.code, map: result.map };
}

interface EsbuildMessage {
  text: string;
  location: { line: number; column: number } | null;
}
