// Public surface of src/phenomena/emergence, re-exported by src/index.ts.
export {};
