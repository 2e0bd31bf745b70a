// Entry of the h5wasm worker thread: one open file at a time, so a trap in one file cannot touch another. After
// "close" the worker holds nothing of that file (HDF5 file closed, MEMFS node unlinked, reader dropped) and may be
// pooled for the next file (worker-pool.ts); the parent ends it instead when its heap (which never shrinks) grew big
// or the file failed. Uses h5wasm's ESM build, not h5wasm/node (NODERAWFS cannot host a custom file node:
// docs/h5wasm.md §1).
import { parentPort } from 'node:worker_threads';
import * as h5 from 'h5wasm';
import { chunkRangesFromNode, type ChunkSelection } from '../shared/chunk-index.js';
import { serveFile, type ServedFile } from './worker-file-node.js';
import { classifyHdf5Error } from '../shared/hdf5-errors.js';
import { ReaderError } from '../shared/reader-error.js';
import { runFileCall } from '../shared/file-calls.js';
import { FileReader } from '../reader/file-reader.js';
import type { WorkerError, WorkerInit, WorkerRequest } from '../shared/worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('The HDF5 worker must run in a worker thread.');

const module = await h5.ready;
// Without the throwing handler a missing filter returns garbage and a truncated file opens with id -1
// (docs/h5wasm.md §5.1).
module.activate_throwing_error_handler();
// HDF5 diagnostics are turned into errors; keep the worker from also printing them.
console.error = () => undefined;

const FILE_NAME = 'data.h5';
let init: WorkerInit | undefined;
let served: ServedFile | undefined;
let file: h5.File | undefined;
let reader: FileReader | undefined;

port.on('message', (request: WorkerRequest) => {
  if (served) served.failure = undefined;
  try {
    const value = run(request);
    port.postMessage(
      { type: 'result', id: request.id, ok: true, value, counters: served?.counters ?? zero() },
      transferables(value),
    );
  } catch (error) {
    const detail = classify(error);
    port.postMessage({
      type: 'result',
      id: request.id,
      ok: false,
      error: detail,
      counters: served?.counters ?? zero(),
    });
  }
});
port.postMessage({ type: 'ready' });

function run(request: WorkerRequest): unknown {
  switch (request.op) {
    case 'open': {
      // A node left by the previous file would mean close() leaked; refuse rather than serve the wrong bytes.
      if (served || module.FS.analyzePath(`/${FILE_NAME}`).exists) {
        throw new ReaderError({ kind: 'corrupt', message: 'the HDF5 engine still held a previous file', fatal: true });
      }
      init = request.init;
      served = serveFile(module.FS as never, FILE_NAME, init.source, port!);
      file = new h5.File(served.path, 'r');
      // A truncated file can "open" with an invalid id when the handler is off; check anyway.
      if (file.file_id < 0n) throw new ReaderError({ kind: 'corrupt', message: 'The file could not be opened.' });
      reader = new FileReader(file, {
        readLimitBytes: init.readLimitBytes,
        decodedCacheBytes: init.decodedCacheBytes,
        onChunkedRead: (selection) => watchChunks(selection),
        sourceFailed: () => served?.failure !== undefined,
        // The chunk index nodes storage() walks: the parent fetches them in parallel while the worker reads the first.
        ...(init.source.mode === 'remote'
          ? { prefetchRaw: (ranges: [number, number][]) => port!.postMessage({ type: 'prefetch', ranges }) }
          : {}),
      });
      return null;
    }
    case 'close': {
      try {
        file?.close();
      } finally {
        try {
          served?.close();
        } finally {
          served = undefined;
          file = undefined;
          reader = undefined;
          init = undefined;
        }
      }
      return { heapBytes: module.HEAPU8.byteLength };
    }
    default:
      break;
  }
  if (!reader) throw new ReaderError({ kind: 'invalid-input', message: 'The file is not open.' });
  return runFileCall(reader, request);
}

/**
 * While a chunked dataset is read from a remote file, look at every B-tree node HDF5 reads and ask the parent to
 * fetch the selection's chunks (or child nodes) ahead, once per node.
 */
function watchChunks(selection: ChunkSelection | undefined): void {
  if (!served || init?.source.mode !== 'remote') return;
  if (!selection) {
    served.observe = undefined;
    return;
  }
  const size = init.source.size;
  const seen = new Set<number>();
  served.observe = (position, bytes) => {
    if (seen.has(position)) return;
    const ranges = chunkRangesFromNode(bytes, selection, size);
    if (!ranges) return;
    seen.add(position);
    if (ranges.length > 0) port!.postMessage({ type: 'prefetch', ranges });
  };
}

/** The worker-side kind of a failure: the source's own failure first, then what HDF5's message says. */
function classify(error: unknown): WorkerError {
  const failure = served?.failure;
  if (failure) return { kind: failure.kind, message: failure.message };
  return classifyHdf5Error(error);
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

function zero(): { reads: number; bytesRead: number; localHits: number } {
  return { reads: 0, bytesRead: 0, localHits: 0 };
}
