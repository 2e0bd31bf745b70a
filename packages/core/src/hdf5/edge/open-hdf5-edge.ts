// Reading without threads, for runtimes that have no worker or cannot block (Cloudflare workerd, a browser page
// without cross-origin isolation): h5wasm runs in this thread and reads only from the block cache. A miss records
// the range and fails the read with EIO; once the call has failed, the missing ranges are fetched (in parallel) and
// the call is run again, until it succeeds or fails for another reason. Measured in workerd in
// docs/h5wasm.md §3 (16 requests for a 95.8 MB file). Each retry re-runs the call from the start, so
// it costs CPU, not requests. In workerd, h5wasm also needs its wasm as a precompiled module (§3): hand it in with
// provideH5wasmModule (edge/h5wasm-module.ts) before the first call.
import type * as H5 from 'h5wasm';
import { EmberError } from '../../errors.js';
import { CachedSource } from '../../source/block-cache.js';
import type { ByteSource } from '../../source/byte-source.js';
import { classifyHdf5Error, typedHdf5Error } from '../shared/hdf5-errors.js';
import type { AttrInfo, AttrValue, DatasetInfo, DatasetValues, Hdf5File, Hdf5Node, Slice } from '../types.js';
import type { DatasetStorage } from '../format/storage-types.js';
import type { StorageReader } from '../shared/file-calls.js';

/** Options of the in-process reader. */
export interface OpenHdf5EdgeOptions {
  /** Largest selection one read may return (default 512 MiB). */
  readLimitBytes?: number;
  /** Decoded chunk rows kept above HDF5 (default 16 MiB: edge isolates have little memory). */
  decodedCacheBytes?: number;
  /** Fetch-and-retry rounds one call may take before giving up (default 1,000). */
  maxRounds?: number;
  /** What messages about the file's content call it (Hdf5File.name; default: the source's location). */
  name?: string;
}

// Emscripten's EIO (docs/h5wasm.md §2).
const EIO = 29;

let ready:
  | Promise<{
      h5: typeof H5;
      module: typeof H5.Module;
      FileReader: typeof import('../reader/file-reader.js').FileReader;
    }>
  | undefined;
let nextName = 1;

/** h5wasm is loaded on first use only: importing @ember-archive/core must not compile a 3.5 MB wasm module. */
function loadModule(): NonNullable<typeof ready> {
  ready ??= (async () => {
    const h5 = await import('h5wasm');
    const { FileReader } = await import('../reader/file-reader.js');
    const module = await h5.ready;
    module.activate_throwing_error_handler();
    return { h5, module, FileReader };
  })();
  return ready;
}

interface EdgeFs {
  writeFile(path: string, data: Uint8Array): void;
  lookupPath(path: string): { node: { stream_ops: Record<string, unknown> } };
  unlink(path: string): void;
  ErrnoError: new (errno: number) => Error;
}

/** Open an HDF5 file from a ByteSource in this thread, reading by cache-only reads and retried calls. */
export async function openHdf5Edge(
  source: ByteSource,
  options: OpenHdf5EdgeOptions = {},
): Promise<Hdf5File & StorageReader> {
  const cached = source instanceof CachedSource ? source : new CachedSource(source);
  const size = await cached.size();
  const { h5, module, FileReader } = await loadModule();
  const fs = module.FS as unknown as EdgeFs;
  const path = `/edge-${nextName++}.h5`;
  fs.writeFile(path, new Uint8Array(0));
  const node = fs.lookupPath(path).node;
  let missing: [number, number][] = [];
  Object.defineProperty(node, 'usedBytes', { get: () => size, configurable: true });
  node.stream_ops = {
    ...node.stream_ops,
    read(_stream: unknown, heap: Uint8Array, offset: number, length: number, position: number): number {
      const bytes = cached.peek(position, length, size);
      if (!bytes) {
        missing.push([position, length]);
        throw new fs.ErrnoError(EIO);
      }
      heap.set(bytes, offset);
      return bytes.length;
    },
  };
  const maxRounds = options.maxRounds ?? 1000;

  /** Run `call` until no read misses the cache; fetch what it missed in between. */
  const run = async <T>(call: () => T): Promise<T> => {
    for (let round = 0; ; round++) {
      missing = [];
      let value: T | undefined;
      let failure: unknown;
      let failed = false;
      try {
        value = call();
      } catch (error) {
        failed = true;
        failure = error;
      }
      // A miss HDF5 swallowed (e.g. while probing for the superblock) may still have changed the answer: retry too.
      if (missing.length === 0) {
        if (failed) throw typedHdf5Error(classifyHdf5Error(failure), cached.location, undefined);
        return value as T;
      }
      if (round >= maxRounds) {
        throw typedHdf5Error(
          { kind: 'source', message: `still missing bytes after ${maxRounds} fetch rounds.` },
          cached.location,
          undefined,
        );
      }
      const ranges = missing;
      await Promise.all(ranges.map(([offset, length]) => cached.read(offset, length)));
    }
  };

  let file: H5.File;
  try {
    file = await run(() => new h5.File(path, 'r'));
  } catch (error) {
    fs.unlink(path);
    await cached.close();
    throw error;
  }
  const reader = new FileReader(file, {
    readLimitBytes: options.readLimitBytes ?? 512 * 1024 * 1024,
    decodedCacheBytes: options.decodedCacheBytes ?? 16 * 1024 * 1024,
    // A cache miss must fail the call so run() fetches and retries it, not mark an object unreadable.
    sourceFailed: () => missing.length > 0,
    // Contiguous data is fetched before HDF5 reads it: a read that misses would leave HDF5's sieve buffer stale.
    ensureRaw: (ranges) => {
      let present = true;
      for (const [offset, length] of ranges) {
        if (cached.peek(offset, length, size)) continue;
        missing.push([offset, length]);
        present = false;
      }
      return present;
    },
    // storage()'s index nodes: missing ones are fetched with the next miss's round instead of one round each.
    prefetchRaw: (ranges) => {
      for (const [offset, length] of ranges) if (!cached.peek(offset, length, size)) missing.push([offset, length]);
    },
  });
  let closed = false;
  const guard = <T>(call: () => T): Promise<T> =>
    closed ? Promise.reject(new EmberError('closed', `${cached.location} is closed.`)) : run(call);
  // A variable, not a literal in return position: storage() is an extra the Hdf5File interface does not name.
  const handle = {
    location: cached.location,
    name: options.name ?? cached.location,
    list: (where = '/'): Promise<Hdf5Node[]> => guard(() => reader.list(where)),
    walk: (): Promise<Hdf5Node[]> => guard(() => reader.walk()),
    node: (where: string): Promise<Hdf5Node | null> => guard(() => reader.node(where)),
    attrs: (where: string): Promise<Record<string, AttrValue>> => guard(() => reader.attrs(where)),
    attrInfo: (where: string): Promise<Record<string, AttrInfo>> => guard(() => reader.attrInfo(where)),
    dataset: (where: string): Promise<DatasetInfo> => guard(() => reader.dataset(where)),
    read: (where: string, selection?: Slice[]): Promise<DatasetValues> => guard(() => reader.read(where, selection)),
    /** Where and how a dataset's raw data is stored (format/storage-types.ts); its raw reads miss and retry like HDF5's. */
    storage: (where: string): Promise<DatasetStorage> => guard(() => reader.storage(where)),
    stats: () => ({ ...cached.stats(), fileSize: size }),
    close: async (): Promise<void> => {
      if (closed) return;
      closed = true;
      try {
        file.close();
      } finally {
        fs.unlink(path);
        await cached.close();
      }
    },
  };
  return handle;
}
