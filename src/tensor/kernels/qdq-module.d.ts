// Types of the generated WebAssembly module bytes (qdq-module.js).
/** The f32 quantise-dequantise kernels' WebAssembly module, base64. */
export declare const QDQ_WASM_BASE64: string;
