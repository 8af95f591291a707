// Public surface of src/phenomena/inference-scaling, re-exported by src/index.ts.
export {};
