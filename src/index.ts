// The one public door: what notebooks import with `import { … } from "tsnb"`.
export * from "./display/index.ts";
export * from "./tensor/index.ts";
export * from "./fit/index.ts";
export * from "./metrics/index.ts";
