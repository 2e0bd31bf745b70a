// The Worker wrangler deploys (wrangler.toml `main`): the API's edge handler with h5wasm's precompiled module, which
// wrangler bundles as a CompiledWasm module from the .wasm import. Wrangler resolves .wasm imports as paths relative
// to this file, not as packages, hence the path into the workspace link of @ember-archive/core (its h5wasm.wasm export).
import wasm from '../node_modules/@ember-archive/core/dist/h5wasm.wasm';
import { createEdgeHandler } from '@ember-archive/api/edge';

export default createEdgeHandler({ wasm });
