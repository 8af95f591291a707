// Public surface of src/phenomena/downstream-elusive, re-exported by src/index.ts.
export {};
