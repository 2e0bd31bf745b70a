// Entry of the dedicated Web Worker behind openHdf5InBrowser: h5wasm's ESM build (the wasm is embedded, so the
// bundle needs no extra asset), one file per worker, read by synchronous HTTP Range requests through a block cache.
// The tree walk, attribute decoding and selections are the same FileReader the Node worker uses.
import * as h5 from 'h5wasm';
import type { FetchStats } from '../../source/byte-source.js';
import { chunkRangesFromNode, type ChunkSelection } from '../shared/chunk-index.js';
import { classifyHdf5Error } from '../shared/hdf5-errors.js';
import { ReaderError } from '../shared/reader-error.js';
import { runFileCall } from '../shared/file-calls.js';
import { FileReader } from '../reader/file-reader.js';
import type {
  BrowserWorkerFailure,
  BrowserWorkerInit,
  BrowserWorkerMessage,
  BrowserWorkerRequest,
  SourceFailureInfo,
} from './protocol.js';
import { SharedPageSource } from './shared-page-source.js';
import { SyncBlockReader, type SyncByteSource } from './sync-block-reader.js';
import { SourceFailure, SyncRangeSource } from './sync-range-source.js';

/** The parts of a dedicated worker's global scope used here (the project's lib is DOM, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<BrowserWorkerRequest>) => void) | null;
  postMessage(message: BrowserWorkerMessage, transfer?: Transferable[]): void;
}

/** Emscripten FS pieces this module touches (MEMFS of h5wasm's ESM build). */
interface EmscriptenFs {
  writeFile(path: string, data: Uint8Array): void;
  lookupPath(path: string): { node: { stream_ops: Record<string, unknown> } };
  ErrnoError: new (errno: number) => Error;
}

const scope = globalThis as unknown as WorkerScope;
// EIO in Emscripten's errno numbering: HDF5 turns it into a clean "read failed" (docs/h5wasm.md §2).
const EIO = 29;
const FILE_PATH = '/data.h5';

let reader: FileReader | undefined;
let blocks: SyncBlockReader | undefined;
let rangeSource: SyncByteSource | undefined;
let failure: SourceFailureInfo | undefined;

const engine = h5.ready.then((module) => {
  // Without the throwing handler a missing filter returns garbage and a truncated file opens with id -1
  // (docs/h5wasm.md §5.1).
  module.activate_throwing_error_handler();
  // HDF5 diagnostics become typed errors; keep them off the page's console.
  console.error = () => undefined;
  return module;
});
engine.catch((error: unknown) =>
  scope.postMessage({ type: 'engine-failed', message: error instanceof Error ? error.message : String(error) }),
);

// Set at once (not after the engine loads) so no message is dispatched before a handler exists; calls run in order.
scope.onmessage = (event) => {
  const request = event.data;
  void engine.then((module) => {
    failure = undefined;
    try {
      const value = run(module.FS as unknown as EmscriptenFs, request);
      scope.postMessage({ type: 'result', id: request.id, ok: true, value, stats: stats() }, transferables(value));
    } catch (error) {
      scope.postMessage({ type: 'result', id: request.id, ok: false, error: classify(error), stats: stats() });
    }
  });
};

function run(fs: EmscriptenFs, request: BrowserWorkerRequest): unknown {
  if (request.op === 'open') return open(fs, request.init);
  if (!reader) throw new ReaderError({ kind: 'invalid-input', message: 'The file is not open.' });
  try {
    return runFileCall(reader, request);
  } finally {
    // A call's chunk plan (a read's chunks, storage()'s index nodes) is for that call only.
    blocks?.clearPlan();
  }
}

function open(fs: EmscriptenFs, init: BrowserWorkerInit): { size: number } {
  if (reader) throw new ReaderError({ kind: 'invalid-input', message: 'This worker already holds a file.' });
  const shared = init.transport.kind === 'shared' ? init.transport : undefined;
  let size: number;
  let source: SyncByteSource;
  let head: Uint8Array | undefined;
  if (shared) {
    // The page already learned the size (its first ranged GET) and reads ahead itself.
    source = new SharedPageSource(init.location, shared.control, shared.waitTimeoutMs, (message) =>
      scope.postMessage(message),
    );
    size = shared.size;
  } else {
    const xhr = new SyncRangeSource(init.url, init.location, {
      probeBytes: init.probeBytes,
      timeoutMs: init.requestTimeoutMs,
      attempts: init.attempts,
      headers: init.headers,
    });
    rangeSource = xhr;
    ({ size, head } = xhr.probe());
    source = xhr;
  }
  const cache = new SyncBlockReader(source, size, {
    blockSize: init.blockSize,
    cacheBytes: init.cacheBytes,
    maxReadaheadBytes: shared ? 0 : init.maxReadaheadBytes,
  });
  if (head) cache.seed(0, head);
  blocks = cache;
  let selection: ChunkSelection | undefined;
  const seen = new Set<number>();

  // A MEMFS node whose size is the remote size and whose reads come from the block cache (docs/h5wasm.md §2, as in
  // ../worker-file-node.ts for Node).
  fs.writeFile(FILE_PATH, new Uint8Array(0));
  const node = fs.lookupPath(FILE_PATH).node;
  Object.defineProperty(node, 'usedBytes', { get: () => size, configurable: true });
  node.stream_ops = {
    ...node.stream_ops,
    read(_stream: unknown, heap: Uint8Array, offset: number, length: number, position: number): number {
      try {
        const n = cache.readInto(heap, offset, length, position);
        // While a chunked dataset is read, every B-tree node HDF5 reads tells which chunks come next: plan them.
        if (selection && !seen.has(position)) {
          const ranges = chunkRangesFromNode(new Uint8Array(heap.buffer, heap.byteOffset + offset, n), selection, size);
          if (ranges) {
            seen.add(position);
            // The page fetches them in parallel; a synchronous worker fetches them together on the first miss.
            if (shared && ranges.length > 0) scope.postMessage({ type: 'prefetch', ranges });
            else cache.plan(ranges);
          }
        }
        return n;
      } catch (error) {
        failure =
          error instanceof SourceFailure
            ? error.info
            : {
                type: 'network',
                message: `Reading ${init.location} failed: ${String((error as Error).message ?? error)}`,
              };
        throw new fs.ErrnoError(EIO);
      }
    },
    write(): number {
      throw new fs.ErrnoError(EIO);
    },
  };

  const file = new h5.File(FILE_PATH, 'r');
  // A truncated file can "open" with an invalid id when the handler is off; check anyway.
  if (file.file_id < 0n) throw new ReaderError({ kind: 'corrupt', message: 'The file could not be opened.' });
  reader = new FileReader(file, {
    readLimitBytes: init.readLimitBytes,
    decodedCacheBytes: init.decodedCacheBytes,
    sourceFailed: () => failure !== undefined,
    onChunkedRead: (next) => {
      selection = next;
      seen.clear();
    },
    // storage()'s index nodes: fetched in parallel by the page, or together on the first miss.
    prefetchRaw: (ranges) => {
      if (shared) scope.postMessage({ type: 'prefetch', ranges });
      else cache.plan(ranges);
    },
  });
  return { size };
}

/** The failure kind: the source's own failure first (HDF5 only says "read failed"), then what HDF5 said. */
function classify(error: unknown): BrowserWorkerFailure {
  if (error instanceof SourceFailure) return { kind: 'source', message: error.message, source: error.info };
  if (failure) return { kind: 'source', message: failure.message, source: failure };
  return classifyHdf5Error(error);
}

function stats(): FetchStats {
  if (blocks) return blocks.stats();
  return {
    requests: rangeSource?.requests ?? 0,
    bytesFetched: rangeSource?.bytesFetched ?? 0,
    cacheHits: 0,
    cacheMisses: 0,
  };
}

function transferables(value: unknown): ArrayBuffer[] {
  const values = (value as { values?: unknown } | null)?.values;
  if (
    ArrayBuffer.isView(values) &&
    values.buffer instanceof ArrayBuffer &&
    values.byteOffset === 0 &&
    values.byteLength === values.buffer.byteLength
  ) {
    return [values.buffer];
  }
  return [];
}
