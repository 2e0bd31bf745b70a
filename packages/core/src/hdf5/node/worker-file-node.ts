// Inside the worker: a MEMFS file node whose reads come from elsewhere. HDF5 calls read() synchronously, so a local
// file is read with fs.readSync straight into the wasm heap, and a remote one is served from a small block cache here,
// blocking on Atomics.wait (always with a timeout) while the parent thread fetches missing blocks asynchronously.
// The pattern is measured in docs/h5wasm.md §2 "Node.js: make async fetch look synchronous".
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import {
  CONTROL_LENGTH,
  CONTROL_SEQ,
  CONTROL_STATE,
  type WorkerCounters,
  type WorkerSource,
} from '../shared/worker-protocol.js';

/** Why the last read failed, so the worker can report the source failure instead of HDF5's "read failed". */
export interface ReadFailure {
  kind: 'source' | 'source-timeout';
  message: string;
}

/** Emscripten FS pieces this module touches (MEMFS node of h5wasm's ESM build). */
interface EmscriptenFs {
  writeFile(path: string, data: Uint8Array): void;
  lookupPath(path: string): { node: FsNode };
  unlink(path: string): void;
  ErrnoError: new (errno: number) => Error;
}

interface FsNode {
  stream_ops: Record<string, unknown>;
  usedBytes: number;
}

// EIO in Emscripten's errno numbering: HDF5 turns it into a clean "read failed" (docs/h5wasm.md §2).
const EIO = 29;

/** A file node serving HDF5 reads; `failure` holds the cause of the last EIO. */
export interface ServedFile {
  readonly path: string;
  readonly counters: WorkerCounters;
  failure: ReadFailure | undefined;
  /** Called with the bytes of every remote read (to spot chunk index nodes); unset for local files. */
  observe: ((position: number, bytes: Uint8Array) => void) | undefined;
  close(): void;
}

/** Create `/<name>` in MEMFS whose bytes come from `source`. */
export function serveFile(fs: EmscriptenFs, name: string, source: WorkerSource, port: MessagePort): ServedFile {
  const path = `/${name}`;
  fs.writeFile(path, new Uint8Array(0));
  const node = fs.lookupPath(path).node;
  const counters: WorkerCounters = { reads: 0, bytesRead: 0, localHits: 0 };
  const reader = source.mode === 'local' ? localReader(source.path, counters) : remoteReader(source, port, counters);
  Object.defineProperty(node, 'usedBytes', { get: () => reader.size, configurable: true });
  const served: ServedFile = {
    path,
    counters,
    failure: undefined,
    observe: undefined,
    close: () => {
      reader.close();
      fs.unlink(path);
    },
  };
  node.stream_ops = {
    ...node.stream_ops,
    read(_stream: unknown, heap: Uint8Array, offset: number, length: number, position: number): number {
      try {
        const n = reader.readInto(heap, offset, length, position);
        if (served.observe && source.mode === 'remote')
          served.observe(position, new Uint8Array(heap.buffer, heap.byteOffset + offset, n));
        return n;
      } catch (error) {
        served.failure =
          error instanceof SourceFailure
            ? error.failure
            : { kind: 'source', message: String((error as Error).message ?? error) };
        throw new fs.ErrnoError(EIO);
      }
    },
    write(): number {
      throw new fs.ErrnoError(EIO);
    },
  };
  return served;
}

class SourceFailure extends Error {
  constructor(readonly failure: ReadFailure) {
    super(failure.message);
  }
}

interface SyncReader {
  readonly size: number;
  readInto(heap: Uint8Array, offset: number, length: number, position: number): number;
  close(): void;
}

function localReader(path: string, counters: WorkerCounters): SyncReader {
  const fd = openSync(path, 'r');
  const size = fstatSync(fd).size;
  return {
    size,
    readInto(heap, offset, length, position) {
      const wanted = Math.max(0, Math.min(length, size - position));
      let done = 0;
      while (done < wanted) {
        const n = readSync(fd, heap, offset + done, wanted - done, position + done);
        if (n === 0) break;
        done += n;
      }
      counters.reads++;
      counters.bytesRead += done;
      return done;
    },
    close: () => closeSync(fd),
  };
}

function remoteReader(
  source: Extract<WorkerSource, { mode: 'remote' }>,
  port: MessagePort,
  counters: WorkerCounters,
): SyncReader {
  const { size, blockSize } = source;
  const control = new Int32Array(source.control);
  const blocks = new Map<number, Uint8Array>();
  let cachedBytes = 0;
  let buffer = new SharedArrayBuffer(Math.max(blockSize * 16, 1 << 20));
  let seq = 0;

  const remember = (index: number, block: Uint8Array): void => {
    blocks.set(index, block);
    cachedBytes += block.length;
    for (const [oldest, value] of blocks) {
      if (cachedBytes <= source.localCacheBytes) break;
      blocks.delete(oldest);
      cachedBytes -= value.length;
    }
  };

  /** Ask the parent for [offset, offset+length) and block until it answers or the wait times out. */
  const fetchSync = (offset: number, length: number): Uint8Array => {
    if (buffer.byteLength < length) buffer = new SharedArrayBuffer(length);
    seq = (seq + 1) | 0;
    Atomics.store(control, CONTROL_STATE, 0);
    port.postMessage({ type: 'fetch', seq, offset, length, buffer });
    const deadline = Date.now() + source.waitTimeoutMs;
    for (;;) {
      const state = Atomics.load(control, CONTROL_STATE);
      if (state !== 0 && Atomics.load(control, CONTROL_SEQ) === seq) break;
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        // The parent drops answers to abandoned requests; a fresh buffer keeps a late answer from landing in the next one.
        buffer = new SharedArrayBuffer(buffer.byteLength);
        throw new SourceFailure({
          kind: 'source-timeout',
          message: `No bytes arrived within ${source.waitTimeoutMs} ms.`,
        });
      }
      Atomics.wait(control, CONTROL_STATE, state, Math.min(remaining, 1000));
    }
    if (Atomics.load(control, CONTROL_STATE) === 2)
      throw new SourceFailure({ kind: 'source', message: 'The byte source failed.' });
    const got = Atomics.load(control, CONTROL_LENGTH);
    return new Uint8Array(buffer, 0, got).slice();
  };

  return {
    size,
    readInto(heap, offset, length, position) {
      const end = Math.min(position + length, size);
      if (end <= position) return 0;
      counters.reads++;
      const first = Math.floor(position / blockSize);
      const last = Math.floor((end - 1) / blockSize);
      let missingFirst = -1;
      let missingLast = -1;
      for (let index = first; index <= last; index++) {
        if (!blocks.has(index)) {
          if (missingFirst < 0) missingFirst = index;
          missingLast = index;
        }
      }
      let fetched: Uint8Array | undefined;
      const fetchedStart = missingFirst * blockSize;
      if (missingFirst >= 0) {
        fetched = fetchSync(fetchedStart, Math.min(size, (missingLast + 1) * blockSize) - fetchedStart);
        counters.bytesRead += fetched.length;
      } else {
        counters.localHits++;
      }
      for (let index = first; index <= last; index++) {
        const blockStart = index * blockSize;
        const from = Math.max(position, blockStart);
        const to = Math.min(end, blockStart + blockSize);
        let bytes: Uint8Array | undefined;
        if (fetched && index >= missingFirst && index <= missingLast)
          bytes = fetched.subarray(from - fetchedStart, to - fetchedStart);
        else {
          const block = blocks.get(index);
          if (block) bytes = block.subarray(from - blockStart, to - blockStart);
        }
        if (!bytes || bytes.length < to - from) {
          throw new SourceFailure({
            kind: 'source',
            message: `The source returned fewer bytes than its size promised at offset ${from}.`,
          });
        }
        heap.set(bytes, offset + from - position);
      }
      // Remembered only after the copy, so that eviction cannot drop a cached block this call still needed (as the
      // browser engine's SyncBlockReader does). Big chunk reads are used once: keep only what fits comfortably, so
      // metadata blocks stay cached.
      if (fetched && fetched.length <= source.localCacheBytes / 4) {
        for (let index = missingFirst; index <= missingLast; index++) {
          const from = (index - missingFirst) * blockSize;
          remember(index, fetched.subarray(from, Math.min(fetched.length, from + blockSize)));
        }
      }
      return end - position;
    },
    close: () => blocks.clear(),
  };
}
