// Public surface of src/tensor, re-exported by src/index.ts.
export {};
