// Public surface of src/display, re-exported by src/index.ts.
export * from "./sink.ts";
