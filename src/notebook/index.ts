// Public surface of src/notebook: read, validate, write and normalise .ipynb (nbformat 4.x).
export { TsnbError, NotebookError } from "./errors.ts";
export type { ErrorPlace } from "./errors.ts";
export type { Notebook, Cell, ICell, ICodeCell, IOutput, MultilineString } from "./types.ts";
export { validateNotebook } from "./validate.ts";
export { tsnbMetadata, validateTsnbMetadata } from "./metadata.ts";
export type { TsnbMetadata, KnownFailure, Paper } from "./metadata.ts";
export { parseNotebook, readNotebook } from "./read.ts";
export { serializeNotebook, writeNotebook, writeFileAtomic } from "./write.ts";
export type { AtomicWriteOps } from "./write.ts";
export { canonicalJson } from "./json.ts";
export { sourceText, stripOutputs, newCellId, cellHasTag } from "./cells.ts";
export { normalizeOutputs, normalizeNotebook, VOLATILE_KEYS } from "./normalize.ts";
export type { NormalizeOptions } from "./normalize.ts";
export { canonicalizeSvg } from "./canonical-svg.ts";
export { declaredParameters, parametersOf, givenKind } from "./parameters.ts";
export type { DeclaredParameter, ParameterKind } from "./parameters.ts";
