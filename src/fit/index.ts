// Public surface of src/fit, re-exported by src/index.ts.
export {};
