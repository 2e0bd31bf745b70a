// Writes dist/h5wasm.wasm: the wasm binary that h5wasm's SINGLE_FILE build embeds in dist/esm/hdf5_util.js, as a file
// of its own. Edge runtimes (Cloudflare workerd) may not compile wasm from bytes, so a Worker bundle imports this file
// as a precompiled WebAssembly.Module and hands it to `@ember-archive/core/edge` (docs/h5wasm.md §3).
// The bytes are taken from the one WebAssembly.instantiate call h5wasm makes while it starts, not by parsing its
// JavaScript: emscripten's encoding of embedded binaries has changed between releases, the call has not.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'h5wasm.wasm');

const instantiate = WebAssembly.instantiate;
let bytes;
WebAssembly.instantiate = function capture(source, imports) {
  if (ArrayBuffer.isView(source) || source instanceof ArrayBuffer) {
    const view = ArrayBuffer.isView(source)
      ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength)
      : new Uint8Array(source);
    // h5wasm instantiates its main module once (no plugins are loaded here); keep the first binary seen.
    bytes ??= view.slice();
  }
  return instantiate.call(WebAssembly, source, imports);
};
try {
  const h5 = await import('h5wasm');
  await h5.ready;
} finally {
  WebAssembly.instantiate = instantiate;
}
if (!bytes || !WebAssembly.validate(bytes)) {
  throw new Error(
    'h5wasm started without instantiating a wasm binary from bytes, so dist/h5wasm.wasm could not be extracted.',
  );
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, bytes);
console.log(`wrote ${out} (${bytes.length} bytes)`);
