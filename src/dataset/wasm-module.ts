/**
 * Instantiating the dataset scan's WebAssembly modules (wasm/*.ts, committed as base64): each is compiled once
 * per thread, and each instance has its own memory.
 */

/** The part of the WebAssembly API used here (TypeScript declares it only with the DOM library). */
interface WebAssemblyApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object) => { readonly exports: unknown };
}
const { Module, Instance } = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

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
