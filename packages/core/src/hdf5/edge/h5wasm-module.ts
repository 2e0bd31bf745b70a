// Edge runtimes (Cloudflare Workers / workerd) refuse to compile wasm from bytes ("Wasm code generation disallowed by
// embedder", measured in docs/h5wasm.md §3), which is how stock h5wasm starts. Our patch of h5wasm
// (patches/h5wasm@0.10.3.patch) lets it take Emscripten's `instantiateWasm` hook from a global instead: installed
// here, the hook instantiates the precompiled module the Worker bundle imported (dist/h5wasm.wasm).
import { UnsupportedError } from '../../errors.js';

/** Emscripten's instantiateWasm: instantiate with `imports`, hand the result to `receive`, return `{}` (async). */
type InstantiateWasm = (
  imports: WebAssembly.Imports,
  receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
) => object;

declare global {
  /** Read once by the patched h5wasm when it is first evaluated (patches/h5wasm@0.10.3.patch). */
  var h5wasmInstantiateWasm: InstantiateWasm | undefined;
}

let provided: WebAssembly.Module | undefined;
let rejectStart: ((error: Error) => void) | undefined;
/** Rejects if instantiating the provided module fails; Emscripten itself would wait for `receive` forever. */
const startFailure = new Promise<never>((_, reject) => {
  rejectStart = reject;
});
startFailure.catch(() => undefined);

/** Give h5wasm its wasm as a precompiled module; call before the first HDF5 file is opened in this isolate. */
export function provideH5wasmModule(wasm: WebAssembly.Module): void {
  if (!(wasm instanceof WebAssembly.Module)) {
    throw new UnsupportedError(
      'provideH5wasmModule needs a compiled WebAssembly.Module (import @ember-archive/core/h5wasm.wasm as a wasm module).',
      'h5wasm.wasm',
    );
  }
  // A Worker isolate serves many requests: the first call installs the hook, later ones hand in the same module.
  if (provided) return;
  provided = wasm;
  globalThis.h5wasmInstantiateWasm = (imports, receive) => {
    WebAssembly.instantiate(wasm, imports).then(
      (instance) => receive(instance, wasm),
      (error: unknown) => {
        const detail = error instanceof Error ? error.message : String(error);
        rejectStart?.(
          new UnsupportedError(`h5wasm could not instantiate the provided wasm module: ${detail}.`, 'h5wasm.wasm'),
        );
      },
    );
    return {};
  };
}

/** Whether a precompiled module was handed in (h5wasm then never compiles wasm from bytes). */
export function h5wasmModuleProvided(): boolean {
  return provided !== undefined;
}

/** A promise that only rejects, when the provided module fails to instantiate; race it against the first open. */
export function h5wasmStartFailure(): Promise<never> {
  return startFailure;
}
