/**
 * Instantiating the dataset scan's WebAssembly modules (wasm/*.ts, committed as base64): each is compiled once
 * per thread, and each instance has its own memory.
 */

/** The part of the WebAssembly API used here (TypeScript declares it only with the DOM library). */
export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
export interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (...args: unknown[]) => WasmInstance;
  Memory: abstract new (...args: unknown[]) => WasmMemory;
  instantiate(...args: unknown[]): Promise<WasmInstance | { instance: WasmInstance }>;
}
/** The global `WebAssembly` namespace, typed. */
export const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
const { Module, Instance } = webAssembly;

const compiled = new Map<string, object>();

/** A new instance of the module whose bytes are `base64`; its exports typed as `T` by the caller. */
export function instantiate<T>(base64: string): T {
  let module = compiled.get(base64);
  if (module === undefined) {
    module = new Module(Buffer.from(base64, "base64"));
    compiled.set(base64, module);
  }
  return new Instance(module).exports as T;
}
