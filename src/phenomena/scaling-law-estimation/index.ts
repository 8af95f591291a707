// Public surface of src/phenomena/scaling-law-estimation, re-exported by src/index.ts.
export {};
