// The Worker the workerd e2e test runs (bundled by esbuild as wrangler would): the API's edge handler with h5wasm's
// module imported as a compiled wasm module.
import { createEdgeHandler } from '../edge.js';
import wasm from './h5wasm.wasm';

export default createEdgeHandler({ wasm });
