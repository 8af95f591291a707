// Types of the plain-JS WebAssembly kernel assembler (wasm-gemm.js).
export declare function gemmModuleBytes(maxPages: number, rows?: number): Uint8Array;
export declare const GEMM_ROWS: number;
export declare const WASM_MAX_PAGES: number;
