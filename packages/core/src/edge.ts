// Edge entry point (Cloudflare Workers, workerd, other runtimes without threads that may not compile wasm from
// bytes): HDF5 over HTTP Range requests, read in the request's own thread. Bundle dist/h5wasm.wasm
// (`@ember-archive/core/h5wasm.wasm`) as a compiled wasm module and pass it in as `wasm`.
import { provideDomParser } from './bucket/xml-dom.js';

// Bucket listings and HEADs go through the AWS SDK's browser build here, which needs a DOMParser (bucket/xml-dom.ts).
provideDomParser();

export { openHdf5Url, type OpenHdf5UrlOptions } from './hdf5/edge/open-hdf5-url.js';
export { provideH5wasmModule } from './hdf5/edge/h5wasm-module.js';
export { openHdf5Edge, type OpenHdf5EdgeOptions } from './hdf5/edge/open-hdf5-edge.js';
export type * from './hdf5/types.js';
export type { ByteSource, FetchStats } from './source/byte-source.js';
export { HttpSource, type HttpSourceOptions } from './source/http-source.js';
export { BlockCache, CachedSource, type BlockCacheOptions, type CachedSourceOptions } from './source/block-cache.js';
export * from './errors.js';
