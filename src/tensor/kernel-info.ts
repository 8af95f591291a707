// Which kernels run the engine's hot paths, for benchmark reports: matmul (kernels/pool.ts) and
// f32 quantisation (qdq-wasm.ts), each asked in its own module.
import { matmulKernelInfo } from "./kernels/pool.ts";
import { wasmQdqActive } from "./qdq-wasm.ts";

/** Which kernels run matmul and quantisation, for benchmark reports. */
export function kernelInfo(): string {
  return `${matmulKernelInfo()}; quantisation: ${wasmQdqActive() ? "WebAssembly SIMD" : "JS loops"}`;
}
