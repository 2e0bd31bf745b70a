// The Worker wrangler deploys (wrangler.toml `main`): the API's edge handler with h5wasm's precompiled module, which
// wrangler bundles as a CompiledWasm module from the .wasm import.
import wasm from '@ember-archive/core/h5wasm.wasm';
import { createEdgeHandler } from '@ember-archive/api/edge';

export default createEdgeHandler({ wasm });
