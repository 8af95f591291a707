// Public surface of src/phenomena/inverse-scaling, re-exported by src/index.ts.
export {};
