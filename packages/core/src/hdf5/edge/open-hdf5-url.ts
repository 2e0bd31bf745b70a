// Opening an HDF5 file by URL in an edge runtime: HTTP Range requests through fetch, a block cache sized for a
// 128 MB isolate (developers.cloudflare.com/workers/platform/limits/, docs/h5wasm.md §3), and the
// thread-less reader (cache-only reads, fetch what was missed, retry the call).
import { UnsupportedError } from '../../errors.js';
import { BlockCache, CachedSource } from '../../source/block-cache.js';
import { HttpSource, type HttpSourceOptions } from '../../source/http-source.js';
import { openHdf5Edge, type OpenHdf5EdgeOptions } from './open-hdf5-edge.js';
import type { Hdf5File } from '../types.js';
import { h5wasmModuleProvided, h5wasmStartFailure, provideH5wasmModule } from './h5wasm-module.js';

/** Options of openHdf5Url. */
export interface OpenHdf5UrlOptions extends OpenHdf5EdgeOptions {
  /** h5wasm's wasm, precompiled (`import wasm from '@ember-archive/core/h5wasm.wasm'`); needed once per isolate. */
  wasm?: WebAssembly.Module;
  /** Request headers, retries and the size probe of the range requests. */
  http?: HttpSourceOptions;
  /** Block cache to use (default: one of 32 MiB shared by every file this isolate opens). */
  cache?: BlockCache;
  /** Requests in flight at once (default 4; Workers allow 6 simultaneous connections). */
  concurrency?: number;
}

let edgeCache: BlockCache | undefined;

/** Open the HDF5 file at `url` by range requests, in a runtime without threads (Cloudflare Workers, workerd). */
export async function openHdf5Url(url: string, options: OpenHdf5UrlOptions = {}): Promise<Hdf5File> {
  if (options.wasm) provideH5wasmModule(options.wasm);
  edgeCache ??= new BlockCache({ maxBytes: 32 * 1024 * 1024 });
  const source = new CachedSource(new HttpSource(url, options.http), {
    cache: options.cache ?? edgeCache,
    concurrency: options.concurrency ?? 4,
  });
  try {
    return await Promise.race([openHdf5Edge(source, options), h5wasmStartFailure()]);
  } catch (error) {
    // openHdf5Edge closes its source when HDF5 fails, but not when h5wasm never started: close it here either way.
    await source.close().catch(() => undefined);
    // Without a module h5wasm compiles its embedded bytes, which Workers refuse; Emscripten aborts with the
    // CompileError's text ("Wasm code generation disallowed by embedder") inside a RuntimeError.
    if (
      !h5wasmModuleProvided() &&
      /CompileError|code generation disallowed/i.test(String((error as Error | undefined)?.message ?? error))
    ) {
      throw new UnsupportedError(
        `This runtime does not compile wasm from bytes, so ${url} cannot be read: pass h5wasm's precompiled module as \`wasm\` (import it from @ember-archive/core/h5wasm.wasm).`,
        url,
      );
    }
    throw error;
  }
}
