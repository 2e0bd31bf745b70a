// openHdf5InBrowser: an Hdf5File whose HDF5 engine (h5wasm) runs in a dedicated Web Worker. By default the worker
// reads the file by synchronous HTTP Range requests, which works on any page (issue 3's fallback for browsers without
// cross-origin isolation). On a cross-origin isolated page the page fetches instead (CachedSource over HttpSource:
// parallel chunk prefetch) and the worker blocks on a SharedArrayBuffer, as openHdf5 does in Node. The page's thread
// never blocks. close() terminates the worker, which frees its wasm heap.
import {
  AuthRequiredError,
  CorruptFileError,
  EmberError,
  InvalidInputError,
  NetworkError,
  NotFoundError,
  ProtocolError,
} from '../../errors.js';
import { BlockCache, CachedSource } from '../../source/block-cache.js';
import type { FetchStats } from '../../source/byte-source.js';
import { HttpSource } from '../../source/http-source.js';
import { typedHdf5Error } from '../shared/hdf5-errors.js';
import { ForwardingHdf5File, type FileCall, type FileCallResults } from '../shared/file-calls.js';
import type { Hdf5File } from '../types.js';
import { CONTROL_SLOTS, SharedFetchServer } from '../shared/shared-control.js';
import {
  type BrowserTransport,
  type BrowserWorkerFailure,
  type BrowserWorkerInit,
  type BrowserWorkerMessage,
  type BrowserWorkerRequest,
  type BrowserWorkerResults,
  type SourceFailureInfo,
} from './protocol.js';

/** Options of openHdf5InBrowser. */
export interface OpenHdf5InBrowserOptions {
  /**
   * URL of the worker script (browser-worker.js bundled with h5wasm). By default `new URL('./browser-worker.js',
   * import.meta.url)`, which Vite and webpack 5 bundle by themselves; with other bundlers, bundle that file and pass its URL.
   */
  workerUrl?: string | URL;
  /** Bytes per cached block (default 64 KiB). */
  blockSize?: number;
  /** Budget of the worker's block cache (default 64 MiB). */
  cacheBytes?: number;
  /** Largest readahead while misses stay sequential (default 4 MiB). */
  maxReadaheadBytes?: number;
  /** Bytes of the first GET, which learns the size from Content-Range (default 64 KiB). */
  probeBytes?: number;
  /** Timeout of one range request (default 30 s). */
  requestTimeoutMs?: number;
  /** Attempts per range request on network errors, 429 and 5xx (default 3). */
  attempts?: number;
  /** Extra request headers (note: any header but Range makes a cross-origin request need a CORS preflight). */
  headers?: Record<string, string>;
  /** Largest selection one read may return (default 512 MiB, well below the 2 GiB wasm heap). */
  readLimitBytes?: number;
  /** Decoded chunk rows kept above HDF5 for repeated windows (default 64 MiB). */
  decodedCacheBytes?: number;
  /** The longest one call may take before the worker is stopped (default 10 min). */
  operationTimeoutMs?: number;
  /**
   * How bytes reach the worker: `xhr` (synchronous XHR in the worker), `shared` (fetch in the page, SharedArrayBuffer
   * + Atomics.wait in the worker; needs a cross-origin isolated page), or `auto` (default): `shared` when the page is
   * cross-origin isolated, else `xhr`.
   */
  transport?: 'auto' | 'xhr' | 'shared';
  /** What messages about the file's content call it (Hdf5File.name; default: the URL). */
  name?: string;
}

/** Open an HDF5 file at an http(s) URL in the browser; the server must answer Range requests (and CORS, if cross-origin). */
export async function openHdf5InBrowser(url: string, options: OpenHdf5InBrowserOptions = {}): Promise<Hdf5File> {
  const base = (globalThis as { location?: { href?: string } }).location?.href;
  let absolute: string;
  try {
    absolute = new URL(url, base).href;
  } catch {
    throw new InvalidInputError(`${url} is not a valid URL.`, url);
  }
  const isolated =
    (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true &&
    typeof SharedArrayBuffer === 'function';
  const wanted = options.transport ?? 'auto';
  if (wanted === 'shared' && !isolated) {
    throw new InvalidInputError(
      'The shared transport needs a cross-origin isolated page (COOP and COEP headers); use transport "xhr".',
      url,
    );
  }
  const blockSize = options.blockSize ?? 64 * 1024;
  const cacheBytes = options.cacheBytes ?? 64 * 1024 * 1024;
  const maxReadaheadBytes = options.maxReadaheadBytes ?? 4 * 1024 * 1024;
  const probeBytes = options.probeBytes ?? 64 * 1024;
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const attempts = options.attempts ?? 3;
  const headers = options.headers ?? {};
  let transport: BrowserTransport = { kind: 'xhr' };
  let source: CachedSource | undefined;
  if (wanted === 'shared' || (wanted === 'auto' && isolated)) {
    source = new CachedSource(
      new HttpSource(url, { headers, probeBytes, retry: { attempts, timeoutMs: requestTimeoutMs } }),
      {
        cache: new BlockCache({ blockSize, maxBytes: cacheBytes }),
        maxReadaheadBytes,
      },
    );
    let size: number;
    try {
      size = await source.size();
    } catch (error) {
      await source.close().catch(() => undefined);
      throw error;
    }
    // Long enough for every retry of one request, so the worker gives up only after the page has.
    const waitTimeoutMs = requestTimeoutMs * attempts + 15_000;
    transport = { kind: 'shared', size, control: new SharedArrayBuffer(CONTROL_SLOTS * 4), waitTimeoutMs };
  }
  const init: BrowserWorkerInit = {
    transport,
    url: absolute,
    location: url,
    blockSize,
    cacheBytes,
    maxReadaheadBytes,
    probeBytes,
    requestTimeoutMs,
    attempts,
    headers,
    readLimitBytes: options.readLimitBytes ?? 512 * 1024 * 1024,
    decodedCacheBytes: options.decodedCacheBytes ?? 64 * 1024 * 1024,
  };
  const worker = options.workerUrl
    ? new Worker(options.workerUrl, { type: 'module', name: 'ember-hdf5' })
    : // Kept literally in this form so that bundlers see the worker and emit it.
      new Worker(new URL('./browser-worker.js', import.meta.url), { type: 'module', name: 'ember-hdf5' });
  const timeoutMs = options.operationTimeoutMs ?? 10 * 60_000;
  const file = new BrowserHdf5File(worker, url, options.name ?? url, timeoutMs, source, transport);
  try {
    const { size } = await file.call({ id: 0, op: 'open', init });
    file.fileSize = size;
    return file;
  } catch (error) {
    await file.close();
    throw error;
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  timer: ReturnType<typeof setTimeout>;
}

class BrowserHdf5File extends ForwardingHdf5File implements Hdf5File {
  fileSize = 0;
  private readonly pending = new Map<number, Pending>();
  private counters: FetchStats = { requests: 0, bytesFetched: 0, cacheHits: 0, cacheMisses: 0 };
  private nextId = 1;
  private broken: Error | undefined;
  private closed = false;
  /** Shared transport: the page answers the worker's reads (its failures replace the worker's "read failed"). */
  private readonly fetches: SharedFetchServer | undefined;

  constructor(
    private readonly worker: Worker,
    readonly location: string,
    readonly name: string,
    private readonly operationTimeoutMs: number,
    private readonly source: CachedSource | undefined,
    transport: BrowserTransport,
  ) {
    super();
    this.fetches =
      transport.kind === 'shared' && source
        ? new SharedFetchServer(
            new Int32Array(transport.control),
            (offset, length) => source.read(offset, length),
            () => !this.closed,
          )
        : undefined;
    worker.onmessage = (event: MessageEvent<BrowserWorkerMessage>) => this.onMessage(event.data);
    // The worker script did not load or threw at the top: the engine, not the file, is at fault.
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.stop(
        new EmberError(
          'engine',
          `The HDF5 engine could not start (${event.message || 'its worker script failed to load'}).`,
        ),
      );
    };
  }

  protected forward<K extends FileCall['op']>(call: FileCall & { op: K }): Promise<FileCallResults[K]> {
    return this.call<K>(call);
  }

  stats(): FetchStats & { fileSize: number } {
    // Shared transport: the page's source made the requests; the worker's own block hits add to its cache hits.
    if (this.source) {
      const s = this.source.stats();
      return { ...s, cacheHits: s.cacheHits + this.counters.cacheHits, fileSize: this.fileSize };
    }
    return { ...this.counters, fileSize: this.fileSize };
  }

  /** Terminate the worker (its wasm heap goes with it); calls still running fail with a "closed" error. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.worker.terminate();
    this.fail(new EmberError('closed', `${this.location} is closed.`));
    await this.source?.close().catch(() => undefined);
  }

  call<K extends BrowserWorkerRequest['op']>(
    request: BrowserWorkerRequest & { op: K },
  ): Promise<BrowserWorkerResults[K]> {
    if (this.closed) return Promise.reject(new EmberError('closed', `${this.location} is closed.`));
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    return new Promise<BrowserWorkerResults[K]>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          this.stop(
            new CorruptFileError(
              `Reading ${this.location} took longer than ${this.operationTimeoutMs} ms, so it was stopped.`,
              this.location,
            ),
          ),
        this.operationTimeoutMs,
      );
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      this.worker.postMessage({ ...request, id });
    });
  }

  private onMessage(message: BrowserWorkerMessage): void {
    if (message.type === 'engine-failed') {
      this.stop(new EmberError('engine', `The HDF5 engine could not start (${message.message}).`));
      return;
    }
    if (message.type === 'fetch') {
      this.fetches?.serve(message.seq, message.offset, message.length, message.buffer);
      return;
    }
    if (message.type === 'prefetch') {
      this.source?.prefetch(message.ranges);
      return;
    }
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    clearTimeout(waiting.timer);
    this.counters = message.stats;
    const failure = this.fetches?.takeFailure();
    if (message.ok) {
      waiting.resolve(message.value);
      return;
    }
    const pageError = message.error.source?.fromPage ? failure : undefined;
    const error = pageError instanceof Error ? pageError : toError(message.error, this.location);
    waiting.reject(error);
    // A trap leaves the wasm state unknown: nothing more is asked of this worker.
    if (message.error.fatal) this.stop(error);
  }

  /** The worker cannot be trusted or reached any more: end it and fail every call. */
  private stop(error: Error): void {
    this.broken = error;
    this.worker.terminate();
    this.fail(error);
  }

  private fail(error: Error): void {
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(error);
      this.pending.delete(id);
    }
  }
}

/** The typed error for a worker failure: the same classes and messages as openHdf5 in Node. */
function toError(detail: BrowserWorkerFailure, location: string): Error {
  if (detail.source) return sourceError(detail.source, location);
  return typedHdf5Error(detail, location, undefined);
}

function sourceError(info: SourceFailureInfo, location: string): Error {
  switch (info.type) {
    case 'not-found':
      return new NotFoundError(info.message, location);
    case 'auth':
      return new AuthRequiredError(info.message, location);
    case 'protocol':
      return new ProtocolError(info.message, location);
    case 'network':
      return new NetworkError(info.message, location, info.retryable ?? false, info.status);
  }
}
