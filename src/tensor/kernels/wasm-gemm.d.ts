// Types of the plain-JS WebAssembly kernel assembler (wasm-gemm.js).
export declare function gemmModuleBytes(maxPages: number): Uint8Array;
export declare const WASM_MAX_PAGES: number;
