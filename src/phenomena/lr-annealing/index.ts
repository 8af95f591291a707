// Public surface of src/phenomena/lr-annealing, re-exported by src/index.ts.
export {};
