// openHdf5: an Hdf5File backed by an h5wasm worker thread. The parent thread owns the byte source and its block
// cache and fetches asynchronously; the worker runs HDF5 synchronously and blocks only on its own thread. Each open
// file has a worker to itself; on close a healthy worker goes back to a small pool of warm ones (worker-pool.ts).
import { CorruptFileError, EmberError, UnsupportedError } from '../../errors.js';
import { CachedSource } from '../../source/block-cache.js';
import type { ByteSource, FetchStats } from '../../source/byte-source.js';
import { localPath, openByteSource, targetKind, type ByteSourceOptions } from '../../source/open-source.js';
import { typedHdf5Error } from '../shared/hdf5-errors.js';
import { acquireWorker, type Hdf5Worker, type WorkerOwner } from './worker-pool.js';
import { ForwardingHdf5File, type FileCall, type FileCallResults } from '../shared/file-calls.js';
import type { DatasetValues, Hdf5File, Slice } from '../types.js';
import { DirectReads } from '../direct/direct-reads.js';
import { LocalChunkFile, localChunkIo, remoteChunkIo } from '../direct/node-chunk-io.js';
import { CONTROL_SLOTS, SharedFetchServer } from '../shared/shared-control.js';
import {
  type WorkerCounters,
  type WorkerError,
  type WorkerInit,
  type WorkerMessage,
  type WorkerRequest,
  type WorkerResults,
} from '../shared/worker-protocol.js';

/** Options of openHdf5. */
export interface OpenHdf5Options extends ByteSourceOptions {
  /** Largest selection one read may return (default 512 MiB, well below the 2 GiB wasm heap). */
  readLimitBytes?: number;
  /** Decoded chunk rows kept above HDF5 for repeated windows (default 64 MiB per file). */
  decodedCacheBytes?: number;
  /** The worker's own cache of blocks, which saves a thread hop per small read (default 4 MiB). */
  workerCacheBytes?: number;
  /** The longest one call (open, walk, read...) may take before the worker is stopped (default 10 min). */
  operationTimeoutMs?: number;
  /** The longest the worker waits for one fetch (default: enough for every retry of one request). */
  fetchWaitTimeoutMs?: number;
  /**
   * Read numeric datasets stored in chunks (deflate, shuffle, fletcher32) or contiguously without HDF5: chunks fetched
   * through the same source and inflated on other threads (default true). False sends every read through HDF5.
   */
  directReads?: boolean;
  /** What messages about the file's content call it (Hdf5File.name; default: where it is opened from). */
  name?: string;
}

const DEFAULT_READ_LIMIT = 512 * 1024 * 1024;

/** Open an HDF5 file from a ByteSource, a local path, an http(s) URL or an s3:// URL. */
export async function openHdf5(target: ByteSource | string, options: OpenHdf5Options = {}): Promise<Hdf5File> {
  const init = {
    readLimitBytes: options.readLimitBytes ?? DEFAULT_READ_LIMIT,
    decodedCacheBytes: options.decodedCacheBytes ?? 64 * 1024 * 1024,
  };
  if (typeof target === 'string' && targetKind(target) === 'file') {
    const path = localPath(target);
    // Checks existence and kind with the same typed errors as FileSource, then lets the worker read by itself.
    const probe = openByteSource(path);
    let size: number;
    try {
      size = await probe.size();
    } finally {
      await probe.close();
    }
    return WorkerHdf5File.start({ ...init, location: path, source: { mode: 'local', path } }, undefined, size, options);
  }
  const raw = typeof target === 'string' ? openByteSource(target, options) : target;
  const source = raw instanceof CachedSource || typeof target === 'string' ? raw : new CachedSource(raw, options);
  let size: number;
  try {
    size = await source.size();
  } catch (error) {
    await source.close().catch(() => undefined);
    throw error;
  }
  const blockSize = source instanceof CachedSource ? source.cache.blockSize : 64 * 1024;
  const retry = options.retry ?? {};
  const waitTimeoutMs = options.fetchWaitTimeoutMs ?? (retry.timeoutMs ?? 30_000) * (retry.attempts ?? 4) + 15_000;
  const control = new SharedArrayBuffer(CONTROL_SLOTS * 4);
  const workerInit: WorkerInit = {
    ...init,
    location: source.location,
    source: {
      mode: 'remote',
      size,
      blockSize,
      localCacheBytes: options.workerCacheBytes ?? 4 * 1024 * 1024,
      control,
      waitTimeoutMs,
    },
  };
  return WorkerHdf5File.start(workerInit, source, size, options);
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  timer: NodeJS.Timeout;
}

// Failure kinds after which a worker may still serve another file: the caller asked for something absent or malformed,
// which HDF5 rejected before touching file state. After anything else (a damaged file, a failed fetch) it is ended.
const HARMLESS_FAILURES = new Set<WorkerError['kind']>(['not-found', 'invalid-input']);

/** Calls whose answer depends only on the (read-only) file and the path. */
const MEMOIZED = new Set<FileCall['op']>(['node', 'attrs', 'attrInfo', 'dataset', 'list', 'walk', 'storage']);

class WorkerHdf5File extends ForwardingHdf5File implements Hdf5File, WorkerOwner {
  readonly location: string;
  readonly name: string;
  private readonly worker: Hdf5Worker;
  private readonly pending = new Map<number, Pending>();
  private readonly operationTimeoutMs: number;
  private counters: WorkerCounters = { reads: 0, bytesRead: 0, localHits: 0 };
  /** Reads that skip HDF5 (direct/), or undefined when turned off. */
  private readonly direct: DirectReads | undefined;
  /** Answers of the calls in MEMOIZED, by op and path. */
  private readonly answers = new Map<string, Promise<unknown>>();
  /** A local file's own handle for direct reads (remote files use `source`). */
  private readonly localChunks: LocalChunkFile | undefined;
  private nextId = 1;
  /** Remote files: answers the worker's reads through shared memory. */
  private readonly fetches: SharedFetchServer | undefined;
  private broken: Error | undefined;
  /** Something failed that may have left HDF5 state behind: do not pool the worker. */
  private tainted = false;
  private closed = false;
  /** The worker is no longer this file's (exited, or handed back): late fetch answers are dropped. */
  private detached = false;

  private constructor(
    init: WorkerInit,
    private readonly source: ByteSource | undefined,
    private readonly fileSize: number,
    options: OpenHdf5Options,
  ) {
    super();
    this.location = init.location;
    this.name = options.name ?? init.location;
    this.operationTimeoutMs = options.operationTimeoutMs ?? 10 * 60_000;
    this.fetches =
      init.source.mode === 'remote' && source
        ? new SharedFetchServer(
            new Int32Array(init.source.control),
            (offset, length) => source.read(offset, length),
            () => !this.detached,
          )
        : undefined;
    this.worker = acquireWorker(this);
    if (options.directReads !== false) {
      let io;
      if (init.source.mode === 'local') {
        this.localChunks = new LocalChunkFile(init.source.path);
        io = localChunkIo(this.localChunks, init.source.path);
      } else if (source) io = remoteChunkIo(source);
      if (io) {
        this.direct = new DirectReads({
          location: this.location,
          node: (path) => this.node(path),
          storage: (path) => this.storage(path),
          io,
          readLimitBytes: init.readLimitBytes,
          // A local chunk index costs only parsing: plan unless the window is a sliver of a huge dataset.
          ...(init.source.mode === 'local' ? { planCostFactor: 64, smallBytes: 64 * 1024 * 1024 } : {}),
        });
      }
    }
  }

  /** Through direct/ when the dataset allows it (same values, no HDF5), else through the worker. */
  override async read(path: string, selection?: Slice[]): Promise<DatasetValues> {
    if (this.direct && !this.closed && !this.broken && !this.detached) {
      let values: DatasetValues | undefined;
      try {
        values = await this.direct.read(path, selection);
      } catch (error) {
        if (this.closed) throw new EmberError('closed', `${this.location} is closed.`);
        throw error;
      }
      if (this.closed) throw new EmberError('closed', `${this.location} is closed.`);
      if (values) return values;
    }
    try {
      return await super.read(path, selection);
    } catch (error) {
      // HDF5 in wasm lacks some filters (h5py's lzf) that the direct reader decodes: try it whatever the read's shape.
      if (!(error instanceof UnsupportedError) || !this.direct || this.closed) throw error;
      const values = await this.direct.read(path, selection, { force: true });
      if (!values) throw error;
      return values;
    }
  }

  /** Take a worker and open the file in it; on failure nothing is left running for this file. */
  static async start(
    init: WorkerInit,
    source: ByteSource | undefined,
    size: number,
    options: OpenHdf5Options,
  ): Promise<WorkerHdf5File> {
    const file = new WorkerHdf5File(init, source, size, options);
    try {
      await file.call({ id: 0, op: 'open', init });
      return file;
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  protected forward<K extends FileCall['op']>(call: FileCall & { op: K }): Promise<FileCallResults[K]> {
    if (!MEMOIZED.has(call.op) || this.closed || this.broken || this.detached) return this.call<K>(call);
    // The file is open read-only, so what a path is, its attributes and its layout cannot change: ask the worker
    // once. Readers ask again and again (a large NWB's pose extraction made ~180 calls, ~50 of them repeats), and
    // each call is a thread round trip that waits for a free core when the machine is busy. Every caller gets its
    // own copy, so one caller changing its answer cannot change another's.
    const key = `${call.op}\u0000${'path' in call ? call.path : ''}`;
    let answer = this.answers.get(key);
    if (!answer) {
      answer = this.call<K>(call);
      this.answers.set(key, answer);
      answer.catch(() => this.answers.delete(key));
    }
    return answer.then((value) => structuredClone(value) as FileCallResults[K]);
  }

  stats(): FetchStats & { fileSize: number } {
    if (!this.source) {
      const direct = this.localChunks?.stats() ?? { reads: 0, bytes: 0 };
      return {
        requests: this.counters.reads + direct.reads,
        bytesFetched: this.counters.bytesRead + direct.bytes,
        cacheHits: 0,
        cacheMisses: 0,
        fileSize: this.fileSize,
      };
    }
    const s = this.source.stats();
    return { ...s, cacheHits: s.cacheHits + this.counters.localHits, fileSize: this.fileSize };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    let heapBytes: number | undefined;
    if (!this.detached && !this.broken) {
      // The worker must drop the file (HDF5 close, MEMFS unlink) before it can serve another; if it does not answer
      // in time it is ended instead.
      const closing = this.call({ id: 0, op: 'close' }).then(
        (value) => value.heapBytes,
        () => undefined,
      );
      heapBytes = await Promise.race([
        closing,
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 2_000).unref()),
      ]);
    }
    this.closed = true;
    const reusable = !this.broken && !this.tainted && !this.detached && this.pending.size === 0;
    this.detached = true;
    await this.worker.release(reusable, heapBytes);
    this.fail(new EmberError('closed', `${this.location} is closed.`));
    await this.localChunks?.close().catch(() => undefined);
    await this.source?.close().catch(() => undefined);
  }

  private call<K extends WorkerRequest['op']>(request: WorkerRequest & { op: K }): Promise<WorkerResults[K]> {
    if (this.closed) return Promise.reject(new EmberError('closed', `${this.location} is closed.`));
    if (this.broken) return Promise.reject(this.broken);
    if (this.detached) return Promise.reject(new EmberError('closed', `${this.location} is closed.`));
    const id = this.nextId++;
    return new Promise<WorkerResults[K]>((resolve, reject) => {
      const timer = setTimeout(() => this.timedOut(), this.operationTimeoutMs);
      timer.unref();
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      // Keep the process alive while a call runs, and not a moment longer (an idle open file must not block exit).
      this.worker.thread.ref();
      this.worker.thread.postMessage({ ...request, id });
    });
  }

  /** From the worker: a fetch, a prefetch hint or a call's result. */
  onMessage(message: WorkerMessage): void {
    if (message.type === 'fetch') {
      this.fetches?.serve(message.seq, message.offset, message.length, message.buffer);
      return;
    }
    if (message.type === 'prefetch') {
      if (this.source instanceof CachedSource) this.source.prefetch(message.ranges);
      return;
    }
    if (message.type !== 'result') return;
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    clearTimeout(waiting.timer);
    if (this.pending.size === 0) this.worker.thread.unref();
    this.counters = message.counters;
    if (message.ok) {
      this.fetches?.takeFailure();
      waiting.resolve(message.value);
      return;
    }
    const error = this.toError(message.error);
    if (!HARMLESS_FAILURES.has(message.error.kind)) this.tainted = true;
    waiting.reject(error);
    if (message.error.fatal) {
      this.broken = error;
      this.detached = true;
      this.fail(error);
      void this.worker.terminate();
    }
  }

  /** The thread failed: before "ready" the engine itself did not start (a broken install), which says nothing about the file. */
  onError(error: Error, started: boolean): void {
    const failure = started
      ? new CorruptFileError(`Reading ${this.location} stopped the HDF5 engine (${error.message}).`, this.location, {
          cause: error,
        })
      : new EmberError('engine', `The HDF5 engine could not start (${error.message}).`, { cause: error });
    this.broken = failure;
    this.fail(failure);
  }

  onExit(): void {
    this.detached = true;
    this.fail(this.broken ?? new EmberError('closed', `${this.location} is closed.`));
  }

  private toError(detail: WorkerError): Error {
    return typedHdf5Error(detail, this.location, this.fetches?.takeFailure());
  }

  private timedOut(): void {
    const cause = this.fetches?.lastFailure;
    this.broken =
      cause instanceof Error
        ? cause
        : new CorruptFileError(
            `Reading ${this.location} took longer than ${this.operationTimeoutMs} ms, so it was stopped.`,
            this.location,
          );
    this.detached = true;
    this.fail(this.broken);
    void this.worker.terminate();
  }

  private fail(error: Error): void {
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(error);
      this.pending.delete(id);
    }
  }
}
